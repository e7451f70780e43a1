-- Catch-all partition so late or future events are never rejected.
CREATE TABLE events_default PARTITION OF events DEFAULT;
