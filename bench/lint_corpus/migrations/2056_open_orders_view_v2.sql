CREATE OR REPLACE VIEW open_orders AS
    SELECT id, customer_id, status, total FROM orders WHERE shipped_at IS NULL;

-- v2 adds the currency (columns can only be appended)
CREATE OR REPLACE VIEW open_orders AS
    SELECT id, customer_id, status, total, currency FROM orders WHERE shipped_at IS NULL;

GRANT SELECT ON open_orders TO PUBLIC;
