-- Index events by kind for the analytics export, one partition at a time without blocking inserts.
CREATE INDEX events_kind_idx ON ONLY events (kind);
CREATE INDEX CONCURRENTLY events_2025_kind_idx ON events_2025 (kind);
ALTER INDEX events_kind_idx ATTACH PARTITION events_2025_kind_idx;
CREATE INDEX CONCURRENTLY events_2026_kind_idx ON events_2026 (kind);
ALTER INDEX events_kind_idx ATTACH PARTITION events_2026_kind_idx;
