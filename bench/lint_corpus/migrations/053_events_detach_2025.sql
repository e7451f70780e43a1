-- 2025 goes to cold storage.
ALTER TABLE events DETACH PARTITION events_2025;
