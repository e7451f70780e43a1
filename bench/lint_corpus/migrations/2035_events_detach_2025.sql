-- 2025 events go to cold storage; detach the partition (it is dumped and dropped later).
ALTER TABLE events DETACH PARTITION events_2025;
