-- Index events by time on every partition without locking the parent for the build.
CREATE INDEX events_occurred_at_idx ON ONLY events (occurred_at);

CREATE INDEX CONCURRENTLY events_2025_occurred_at_idx ON events_2025 (occurred_at);
ALTER INDEX events_occurred_at_idx ATTACH PARTITION events_2025_occurred_at_idx;

CREATE INDEX CONCURRENTLY events_2026_occurred_at_idx ON events_2026 (occurred_at);
ALTER INDEX events_occurred_at_idx ATTACH PARTITION events_2026_occurred_at_idx;
