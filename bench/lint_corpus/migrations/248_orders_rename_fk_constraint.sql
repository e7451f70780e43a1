-- Naming convention: fk_<table>_<column>.
ALTER TABLE orders RENAME CONSTRAINT orders_customer_id_fkey TO fk_orders_customer_id;
ALTER INDEX orders_customer_idx RENAME TO ix_orders_customer_id;
