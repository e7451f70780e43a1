-- Soft delete for GDPR erasure requests; lookups of live customers stay fast.
ALTER TABLE customers ADD COLUMN deleted_at timestamptz;

CREATE INDEX CONCURRENTLY IF NOT EXISTS customers_live_email_idx
    ON customers (email) WHERE deleted_at IS NULL;
