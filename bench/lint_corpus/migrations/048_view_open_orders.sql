CREATE VIEW open_orders AS
    SELECT o.id, o.created_at, c.email
    FROM orders o JOIN customers c ON c.id = o.customer_id
    WHERE o.shipped_at IS NULL AND o.status <> 'cancelled';
