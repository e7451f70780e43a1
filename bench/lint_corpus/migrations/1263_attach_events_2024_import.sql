-- Attach the 2024 events imported from the old analytics cluster.
CREATE TABLE events_2024 (LIKE events INCLUDING DEFAULTS);
INSERT INTO events_2024
SELECT g, timestamptz '2024-01-01' + (g % 365) * interval '1 day', 'view', '{}'
FROM generate_series(1, 50000) g;
ALTER TABLE events_2024 ADD CONSTRAINT events_2024_range
    CHECK (occurred_at >= '2024-01-01' AND occurred_at < '2025-01-01');
ALTER TABLE events ATTACH PARTITION events_2024 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
ALTER TABLE events_2024 DROP CONSTRAINT events_2024_range;
