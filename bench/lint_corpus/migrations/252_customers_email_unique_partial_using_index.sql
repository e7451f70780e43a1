-- Unique e-mail among live customers, promoted to a constraint.
ALTER TABLE customers ADD COLUMN IF NOT EXISTS deleted_at timestamptz;
CREATE UNIQUE INDEX CONCURRENTLY customers_email_live_uniq ON customers (email) WHERE deleted_at IS NULL;
ALTER TABLE customers ADD CONSTRAINT customers_email_live_uniq UNIQUE USING INDEX customers_email_live_uniq;
