-- ops: events_2025 is read-only now; cluster it by time for range scans
CREATE INDEX IF NOT EXISTS events_2025_occurred_at_idx ON events_2025 (occurred_at);
CLUSTER events_2025 USING events_2025_occurred_at_idx;
ANALYZE events_2025;
