-- GDPR: remove cancelled orders older than 600 days, lines first.
WITH doomed AS (
    SELECT id FROM orders
    WHERE status = 'cancelled' AND created_at < now() - interval '600 days'
)
DELETE FROM order_items oi USING doomed d WHERE oi.order_id = d.id;

DELETE FROM orders
WHERE status = 'cancelled' AND created_at < now() - interval '600 days';
