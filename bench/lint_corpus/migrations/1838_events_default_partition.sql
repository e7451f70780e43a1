-- catch late/early events instead of failing the insert
CREATE TABLE events_default PARTITION OF events DEFAULT;
