-- Index events by kind for the funnel report
CREATE INDEX events_kind_idx ON events (kind);
