-- B2B lines can exceed 100 million: widen the precision, keep 2 decimals.
ALTER TABLE order_items ALTER COLUMN unit_price TYPE numeric(12,2);
