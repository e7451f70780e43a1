-- Unit prices from the new supplier feed have four decimals.
ALTER TABLE order_items ALTER COLUMN unit_price TYPE numeric(12,4);
