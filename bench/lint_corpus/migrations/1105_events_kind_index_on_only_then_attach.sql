-- Index a partitioned table without blocking writes: parent ONLY, partitions concurrently, attach.
CREATE INDEX events_occurred_kind_idx ON ONLY events (occurred_at, kind);
CREATE INDEX CONCURRENTLY events_2025_occurred_kind_idx ON events_2025 (occurred_at, kind);
CREATE INDEX CONCURRENTLY events_2026_occurred_kind_idx ON events_2026 (occurred_at, kind);
ALTER INDEX events_occurred_kind_idx ATTACH PARTITION events_2025_occurred_kind_idx;
ALTER INDEX events_occurred_kind_idx ATTACH PARTITION events_2026_occurred_kind_idx;
