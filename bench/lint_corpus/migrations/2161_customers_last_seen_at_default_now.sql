-- last_seen_at: existing customers start at the migration time.
-- now() is evaluated once for the whole ALTER (stable, not volatile), so the value is
-- stored in the catalog and the table is not rewritten.
ALTER TABLE customers ADD COLUMN last_seen_at timestamptz NOT NULL DEFAULT now();
