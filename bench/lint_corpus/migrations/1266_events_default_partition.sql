-- Catch events with unexpected timestamps instead of failing the insert.
CREATE TABLE events_default PARTITION OF events DEFAULT;
