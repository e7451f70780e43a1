-- Move lines of cancelled orders to an archive table.
CREATE TABLE IF NOT EXISTS order_items_archive (LIKE order_items INCLUDING ALL);

WITH moved AS (
    DELETE FROM order_items oi
     WHERE oi.order_id IN (SELECT id FROM orders WHERE status = 'cancelled')
    RETURNING oi.*
)
INSERT INTO order_items_archive SELECT * FROM moved;
