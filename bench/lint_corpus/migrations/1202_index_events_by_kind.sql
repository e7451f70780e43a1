-- Index events by kind so the analytics dashboard can filter clicks vs views.
CREATE INDEX events_kind_idx ON events (kind);
