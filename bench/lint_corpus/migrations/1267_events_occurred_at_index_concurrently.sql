-- Index events.occurred_at for time-range queries.
CREATE INDEX CONCURRENTLY events_occurred_at_idx ON events (occurred_at);
