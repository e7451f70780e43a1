-- Backfill customers.loyalty_points in batches of 5000, committing after each batch.
ALTER TABLE customers ADD COLUMN IF NOT EXISTS loyalty_points integer;

DO $backfill$
DECLARE
    lo bigint;
    hi bigint;
    max_id bigint;
BEGIN
    SELECT min(id), max(id) INTO lo, max_id FROM customers;
    WHILE lo <= max_id LOOP
        hi := lo + 5000;
        UPDATE customers SET loyalty_points = 0
        WHERE id >= lo AND id < hi AND loyalty_points IS NULL;
        COMMIT;
        lo := hi;
    END LOOP;
END
$backfill$;
