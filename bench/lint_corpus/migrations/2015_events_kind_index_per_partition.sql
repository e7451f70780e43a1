-- Index on a partitioned table without locking it: create the parent index ON ONLY
-- (invalid), build each partition's index concurrently, then attach them.
CREATE INDEX events_kind_idx ON ONLY events (kind);

CREATE INDEX CONCURRENTLY events_2025_kind_idx ON events_2025 (kind);
CREATE INDEX CONCURRENTLY events_2026_kind_idx ON events_2026 (kind);

ALTER INDEX events_kind_idx ATTACH PARTITION events_2025_kind_idx;
ALTER INDEX events_kind_idx ATTACH PARTITION events_2026_kind_idx;
