-- Index events by kind without blocking ingestion: parent index first, partitions concurrently
CREATE INDEX IF NOT EXISTS events_kind_idx ON ONLY events (kind);
CREATE INDEX CONCURRENTLY IF NOT EXISTS events_2025_kind_idx ON events_2025 (kind);
CREATE INDEX CONCURRENTLY IF NOT EXISTS events_2026_kind_idx ON events_2026 (kind);
ALTER INDEX events_kind_idx ATTACH PARTITION events_2025_kind_idx;
ALTER INDEX events_kind_idx ATTACH PARTITION events_2026_kind_idx;
