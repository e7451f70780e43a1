-- Create the 2027 partition standalone, prove its range with a CHECK, then attach
-- (ATTACH skips the scan when the CHECK implies the bound).
CREATE TABLE events_2027 (LIKE events INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
ALTER TABLE events_2027 ADD CONSTRAINT events_2027_bound
    CHECK (occurred_at IS NOT NULL AND occurred_at >= '2027-01-01' AND occurred_at < '2028-01-01');
SET lock_timeout = '2s';
ALTER TABLE events ATTACH PARTITION events_2027 FOR VALUES FROM ('2027-01-01') TO ('2028-01-01');
ALTER TABLE events_2027 DROP CONSTRAINT events_2027_bound;
