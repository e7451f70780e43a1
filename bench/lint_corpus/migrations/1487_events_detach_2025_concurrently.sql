-- Archive 2025 events: detach the partition online, it is dumped and dropped later.
ALTER TABLE events DETACH PARTITION events_2025 CONCURRENTLY;
