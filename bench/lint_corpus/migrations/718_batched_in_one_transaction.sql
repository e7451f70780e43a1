-- Backfill orders.item_count in batches of 10,000 ids (generated with \gexec),
-- wrapped in a transaction so a failure leaves nothing half done.
BEGIN;
ALTER TABLE orders ADD COLUMN IF NOT EXISTS item_count integer;
SELECT format('UPDATE orders o SET item_count = (SELECT count(*) FROM order_items i WHERE i.order_id = o.id) WHERE o.id BETWEEN %s AND %s', lo, lo + 9999)
FROM generate_series(1, (SELECT max(id) FROM orders), 10000) AS lo
\gexec
COMMIT;
