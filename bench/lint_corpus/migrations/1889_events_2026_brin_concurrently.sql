CREATE INDEX CONCURRENTLY IF NOT EXISTS events_2026_occurred_at_brin
    ON events_2026 USING brin (occurred_at) WITH (pages_per_range = 32);
