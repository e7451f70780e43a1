DROP INDEX IF EXISTS orders_customer_idx;
