-- Deploy shop:products_sku_unique to pg
-- (sqitch deploy --no-transaction style: the index is built concurrently)

CREATE UNIQUE INDEX CONCURRENTLY products_sku_uniq ON products (sku);
ALTER TABLE products ADD CONSTRAINT products_sku_key UNIQUE USING INDEX products_sku_uniq;
