-- Same backfill as a DO block that commits every batch (runs outside a transaction block).
ALTER TABLE orders ADD COLUMN archived boolean NOT NULL DEFAULT false;
DO $$
DECLARE
    lo bigint := 0;
    hi bigint;
BEGIN
    SELECT max(id) INTO hi FROM orders;
    WHILE lo < hi LOOP
        UPDATE orders SET archived = true
        WHERE id > lo AND id <= lo + 2000 AND created_at < now() - interval '400 days';
        lo := lo + 2000;
        COMMIT;
    END LOOP;
END
$$;
