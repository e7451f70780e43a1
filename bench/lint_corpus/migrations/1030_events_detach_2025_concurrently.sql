-- Archive last year's events: detach without blocking inserts.
ALTER TABLE events DETACH PARTITION events_2025 CONCURRENTLY;
