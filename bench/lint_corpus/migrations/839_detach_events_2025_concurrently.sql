-- 2025 events go to cold storage; detach without blocking the writers of events.
ALTER TABLE events DETACH PARTITION events_2025 CONCURRENTLY;
ALTER TABLE events_2025 RENAME TO events_2025_archive;
