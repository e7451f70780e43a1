-- Backfill customers.status from notes in batches of 5000
DO $$
DECLARE
    last_id bigint := 0;
    max_id bigint;
BEGIN
    SELECT max(id) INTO max_id FROM customers;
    WHILE last_id < max_id LOOP
        UPDATE customers SET status = 'vip'
        WHERE id > last_id AND id <= last_id + 5000 AND notes = 'vip';
        last_id := last_id + 5000;
    END LOOP;
END $$;
