-- Move Q1 2025 events into an archive table and delete them from the live log.
BEGIN;
CREATE TABLE IF NOT EXISTS events_archive (LIKE events INCLUDING DEFAULTS);
INSERT INTO events_archive
SELECT * FROM events WHERE occurred_at < '2025-04-01';
DELETE FROM events WHERE occurred_at < '2025-04-01';
COMMIT;
