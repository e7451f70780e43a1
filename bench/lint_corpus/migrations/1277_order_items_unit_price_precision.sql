-- Unit prices above 100 million are possible for industrial parts; widen the precision.
ALTER TABLE order_items ALTER COLUMN unit_price TYPE numeric(12,2);
