-- shipped_at was written by the warehouse service in UTC but stored without a zone.
-- Make it a proper timestamptz.
BEGIN;
ALTER TABLE orders
    ALTER COLUMN shipped_at TYPE timestamptz
    USING shipped_at AT TIME ZONE 'UTC';
COMMIT;
