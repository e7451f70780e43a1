-- Late and clock-skewed events must not be rejected: catch-all partition.
CREATE TABLE events_default PARTITION OF events DEFAULT;
