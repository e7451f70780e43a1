-- GIN index on events.payload without a long lock: CREATE INDEX CONCURRENTLY is not
-- supported on a partitioned table, so build the parent index ON ONLY (invalid, empty),
-- each partition's index concurrently, then attach them; the parent becomes valid
-- once every partition's index is attached.
CREATE INDEX events_payload_gin ON ONLY events USING gin (payload jsonb_path_ops);

CREATE INDEX CONCURRENTLY events_2025_payload_gin ON events_2025 USING gin (payload jsonb_path_ops);
CREATE INDEX CONCURRENTLY events_2026_payload_gin ON events_2026 USING gin (payload jsonb_path_ops);

ALTER INDEX events_payload_gin ATTACH PARTITION events_2025_payload_gin;
ALTER INDEX events_payload_gin ATTACH PARTITION events_2026_payload_gin;
