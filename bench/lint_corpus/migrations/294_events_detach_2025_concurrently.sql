-- 2025 events are archived to cold storage; detach without blocking inserts.
ALTER TABLE events DETACH PARTITION events_2025 CONCURRENTLY;
