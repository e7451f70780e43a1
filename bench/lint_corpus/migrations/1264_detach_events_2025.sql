-- Detach 2025 events; the partition will be dumped to cold storage and dropped next week.
ALTER TABLE events DETACH PARTITION events_2025;
