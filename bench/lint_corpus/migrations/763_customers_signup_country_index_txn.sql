-- sqitch deploy shop:customers_country_idx
-- Index for the per-country signup report; lock_timeout so we never wait behind a long query.
BEGIN;
SET LOCAL lock_timeout = '3s';
CREATE INDEX customers_country_created_idx ON customers (country, created_at);
COMMIT;
