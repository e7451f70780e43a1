-- 2025 events move to cold storage: detach the partition without blocking writers
-- (DETACH ... CONCURRENTLY, PostgreSQL 14+; must run outside a transaction block).
ALTER TABLE events DETACH PARTITION events_2025 CONCURRENTLY;

ALTER TABLE events_2025 RENAME TO events_archive_2025;
