-- Backfill orders.channel in chunks of 10,000 ids.
ALTER TABLE orders ADD COLUMN IF NOT EXISTS channel text;
DO $$
DECLARE
    start_id bigint := 0;
    max_id bigint;
BEGIN
    SELECT max(id) INTO max_id FROM orders;
    WHILE start_id <= max_id LOOP
        UPDATE orders SET channel = 'web'
        WHERE id > start_id AND id <= start_id + 10000 AND channel IS NULL;
        start_id := start_id + 10000;
        RAISE NOTICE 'backfilled up to %', start_id;
    END LOOP;
END $$;
