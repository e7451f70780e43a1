-- Index events by kind for the analytics export.
CREATE INDEX events_kind_idx ON events (kind);
