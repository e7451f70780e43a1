-- 2025 events go to cold storage: detach the partition, keep it as a plain table for the export.
ALTER TABLE events DETACH PARTITION events_2025 CONCURRENTLY;
ALTER TABLE events_2025 RENAME TO events_2025_archive;
