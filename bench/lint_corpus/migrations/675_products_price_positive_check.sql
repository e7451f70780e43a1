-- Liquibase-style formatted SQL
--liquibase formatted sql
--changeset piotr:675
ALTER TABLE products ADD CONSTRAINT products_price_positive CHECK (price > 0);
ALTER TABLE products ADD CONSTRAINT products_stock_nonneg CHECK (stock >= 0);
--rollback ALTER TABLE products DROP CONSTRAINT products_price_positive; ALTER TABLE products DROP CONSTRAINT products_stock_nonneg;
