-- Delete cancelled orders older than 600 days together with their lines.
BEGIN;
DELETE FROM order_items
WHERE order_id IN (SELECT id FROM orders WHERE status = 'cancelled' AND created_at < now() - interval '600 days');
DELETE FROM orders WHERE status = 'cancelled' AND created_at < now() - interval '600 days';
COMMIT;
