-- Follow the naming convention for indexes.
ALTER INDEX IF EXISTS orders_customer_idx RENAME TO ix_orders_customer_id;
