-- Catch-all partition so inserts with odd timestamps don't fail.
CREATE TABLE events_default PARTITION OF events DEFAULT;
