-- Queries on the current year scan events_2026; index only that partition.
CREATE INDEX events_2026_occurred_at_idx ON events_2026 (occurred_at);
