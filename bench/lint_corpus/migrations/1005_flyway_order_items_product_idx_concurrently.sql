-- V2026.11.08.1__order_items_product_idx.sql
-- flyway.postgresql.transactional.lock=false; executeInTransaction=false set in the .conf
CREATE INDEX CONCURRENTLY IF NOT EXISTS order_items_product_id_idx ON order_items (product_id);
