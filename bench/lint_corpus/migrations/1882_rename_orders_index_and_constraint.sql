-- naming convention cleanup
ALTER INDEX orders_customer_idx RENAME TO orders_customer_id_idx;
ALTER TABLE orders RENAME CONSTRAINT orders_total_nonneg TO orders_total_check;
