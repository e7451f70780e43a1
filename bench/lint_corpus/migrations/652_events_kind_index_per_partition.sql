-- Same index as a plain CREATE INDEX on events, but without blocking inserts:
-- invalid parent index first, each partition concurrently, then attach.
CREATE INDEX IF NOT EXISTS events_occurred_kind_idx ON ONLY events (occurred_at, kind);

CREATE INDEX CONCURRENTLY IF NOT EXISTS events_2025_occurred_kind_idx ON events_2025 (occurred_at, kind);
ALTER INDEX events_occurred_kind_idx ATTACH PARTITION events_2025_occurred_kind_idx;

CREATE INDEX CONCURRENTLY IF NOT EXISTS events_2026_occurred_kind_idx ON events_2026 (occurred_at, kind);
ALTER INDEX events_occurred_kind_idx ATTACH PARTITION events_2026_occurred_kind_idx;
