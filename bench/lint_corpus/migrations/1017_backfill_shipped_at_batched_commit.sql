-- Backfill shipped_at for shipped orders, 20k ids per transaction so row locks are short.
DO $$
DECLARE
    lo bigint := 0;
    hi bigint;
BEGIN
    SELECT max(id) INTO hi FROM orders;
    WHILE lo <= hi LOOP
        UPDATE orders SET shipped_at = created_at + interval '2 days'
         WHERE id > lo AND id <= lo + 20000 AND status = 'shipped' AND shipped_at IS NULL;
        lo := lo + 20000;
        COMMIT;
    END LOOP;
END
$$;
