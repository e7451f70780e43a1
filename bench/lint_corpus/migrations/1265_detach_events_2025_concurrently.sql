-- Detach 2025 events without blocking writers; archived separately.
ALTER TABLE events DETACH PARTITION events_2025 CONCURRENTLY;
