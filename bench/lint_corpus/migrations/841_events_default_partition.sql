-- Catch-all so inserts for dates without a partition stop failing.
CREATE TABLE events_default PARTITION OF events DEFAULT;
