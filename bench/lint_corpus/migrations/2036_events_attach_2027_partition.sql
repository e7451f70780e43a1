-- Prepare next year's partition outside the parent, with a matching CHECK so that
-- ATTACH does not need to scan it, then attach.
CREATE TABLE events_2027 (LIKE events INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
ALTER TABLE events_2027 ADD CONSTRAINT events_2027_range
    CHECK (occurred_at >= '2027-01-01' AND occurred_at < '2028-01-01');
ALTER TABLE events ATTACH PARTITION events_2027 FOR VALUES FROM ('2027-01-01') TO ('2028-01-01');
ALTER TABLE events_2027 DROP CONSTRAINT events_2027_range;
