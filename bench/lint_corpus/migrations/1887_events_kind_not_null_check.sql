ALTER TABLE events ADD CONSTRAINT events_kind_present CHECK (kind IS NOT NULL);
