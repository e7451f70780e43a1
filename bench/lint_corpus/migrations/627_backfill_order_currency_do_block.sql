-- Backfill orders.currency_code in chunks of 5000 so no single statement is huge.
ALTER TABLE orders ADD COLUMN IF NOT EXISTS currency_code text;

DO $$
DECLARE
    lo bigint := 0;
    hi bigint;
BEGIN
    SELECT max(id) INTO hi FROM orders;
    WHILE lo < hi LOOP
        UPDATE orders SET currency_code = lower(currency)
        WHERE id > lo AND id <= lo + 5000;
        lo := lo + 5000;
        RAISE NOTICE 'backfilled up to %', lo;
    END LOOP;
END
$$;
