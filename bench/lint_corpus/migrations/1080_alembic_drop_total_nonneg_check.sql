BEGIN;

-- Running upgrade c71f0a3e5b22 -> 0b9d6e1f4a87

ALTER TABLE orders DROP CONSTRAINT orders_total_nonneg;

COMMIT;

