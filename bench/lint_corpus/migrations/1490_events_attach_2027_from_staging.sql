-- Attach the 2027 partition prepared in advance (with a matching check so the attach needs no scan).
CREATE TABLE events_2027 (LIKE events INCLUDING DEFAULTS);
ALTER TABLE events_2027 ADD CONSTRAINT events_2027_range
    CHECK (occurred_at >= '2027-01-01' AND occurred_at < '2028-01-01');
ALTER TABLE events ATTACH PARTITION events_2027 FOR VALUES FROM ('2027-01-01') TO ('2028-01-01');
ALTER TABLE events_2027 DROP CONSTRAINT events_2027_range;
