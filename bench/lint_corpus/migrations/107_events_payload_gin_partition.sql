-- Only the current year is queried by payload.
CREATE INDEX CONCURRENTLY IF NOT EXISTS events_2026_payload_idx ON events_2026 USING gin (payload);
