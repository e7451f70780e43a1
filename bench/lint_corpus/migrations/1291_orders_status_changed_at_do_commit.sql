-- Add orders.status_changed_at and backfill it from shipped_at/created_at, 10k rows per transaction.
ALTER TABLE orders ADD COLUMN status_changed_at timestamp;

DO $$
DECLARE
    batch_start bigint := 0;
    max_id bigint;
BEGIN
    SELECT max(id) INTO max_id FROM orders;
    WHILE batch_start <= max_id LOOP
        UPDATE orders SET status_changed_at = coalesce(shipped_at, created_at)
        WHERE id > batch_start AND id <= batch_start + 10000;
        COMMIT;
        batch_start := batch_start + 10000;
    END LOOP;
END $$;
