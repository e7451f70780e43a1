-- archive 2025 events without blocking the ingest path
ALTER TABLE events DETACH PARTITION events_2025 CONCURRENTLY;
