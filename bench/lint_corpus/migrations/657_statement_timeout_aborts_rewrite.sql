-- Guard rail: if the ALTER can't finish in 50ms we'd rather fail the deploy and retry
-- during the maintenance window.
SET lock_timeout = '500ms';
SET statement_timeout = '50ms';
ALTER TABLE order_items ALTER COLUMN quantity TYPE bigint;
