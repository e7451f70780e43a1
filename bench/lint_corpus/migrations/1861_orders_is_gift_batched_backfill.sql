ALTER TABLE orders ADD COLUMN is_gift boolean;

-- backfill in batches of 5000, committing each batch
DO $$
DECLARE
    lo bigint := 0;
    hi bigint;
BEGIN
    SELECT max(id) INTO hi FROM orders;
    WHILE lo < hi LOOP
        UPDATE orders SET is_gift = false
        WHERE id > lo AND id <= lo + 5000 AND is_gift IS NULL;
        lo := lo + 5000;
        COMMIT;
    END LOOP;
END
$$;

ALTER TABLE orders ALTER COLUMN is_gift SET DEFAULT false;
