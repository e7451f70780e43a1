-- Index event kinds on every partition (declared on the parent).
CREATE INDEX events_kind_idx ON events (kind);
