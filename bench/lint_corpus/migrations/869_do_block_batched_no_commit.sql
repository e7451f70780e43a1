-- Mark old orders as archived, 10k at a time so the batches stay small.
ALTER TABLE orders ADD COLUMN archived boolean NOT NULL DEFAULT false;
DO $$
DECLARE
    n integer;
BEGIN
    LOOP
        UPDATE orders SET archived = true
        WHERE id IN (SELECT id FROM orders
                     WHERE NOT archived AND created_at < now() - interval '400 days'
                     LIMIT 10000);
        GET DIAGNOSTICS n = ROW_COUNT;
        EXIT WHEN n = 0;
    END LOOP;
END
$$;
