-- 2025 events are archived; detach the partition without blocking the parent.
ALTER TABLE events DETACH PARTITION events_2025 CONCURRENTLY;
