-- Only this year's partition is queried by time range; index just that one.
CREATE INDEX events_2026_occurred_at_idx ON events_2026 (occurred_at);
