-- Exact ingestion time of each audit row.
ALTER TABLE audit_log ADD COLUMN ingested_at timestamptz NOT NULL DEFAULT clock_timestamp();
