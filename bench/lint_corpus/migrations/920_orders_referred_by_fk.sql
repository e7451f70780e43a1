ALTER TABLE orders ADD COLUMN referred_by bigint REFERENCES customers (id);
