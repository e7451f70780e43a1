-- total is never NULL in practice; the existing orders_total_nonneg check covers it.
SET lock_timeout = '3s';
ALTER TABLE orders ALTER COLUMN total SET NOT NULL;
