-- SKUs must be unique (Liquibase changeset shop:2026-11-10-1).
--liquibase formatted sql
--changeset shop:2026-11-10-1
ALTER TABLE products ADD CONSTRAINT products_sku_key UNIQUE (sku);
--rollback ALTER TABLE products DROP CONSTRAINT products_sku_key;
