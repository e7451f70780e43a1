-- catch-all partition so inserts for future dates never fail
CREATE TABLE events_default PARTITION OF events DEFAULT;
