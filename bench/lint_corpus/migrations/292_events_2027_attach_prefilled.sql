-- Backfilled 2027 events were loaded into a staging table; attach it as a partition.
-- The CHECK constraint lets ATTACH skip the validation scan.
CREATE TABLE events_2027 (LIKE events INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
INSERT INTO events_2027 (id, occurred_at, kind, payload)
SELECT 10000000 + g, timestamptz '2027-01-01' + (g % 300) * interval '1 day', 'import', '{}'
FROM generate_series(1, 50000) g;
ALTER TABLE events_2027 ADD CONSTRAINT events_2027_range
    CHECK (occurred_at >= '2027-01-01' AND occurred_at < '2028-01-01');
ALTER TABLE events ATTACH PARTITION events_2027 FOR VALUES FROM ('2027-01-01') TO ('2028-01-01');
ALTER TABLE events_2027 DROP CONSTRAINT events_2027_range;
