-- More headroom for expensive items; scale unchanged.
ALTER TABLE order_items ALTER COLUMN unit_price TYPE numeric(14,2);
