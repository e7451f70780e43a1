-- Django: shop/migrations/0042_orderitem_product_fk.py
-- sqlmigrate shop 0042
BEGIN;
--
-- Alter field product on orderitem
--
ALTER TABLE "order_items" ADD CONSTRAINT "order_items_product_id_fk_products_id" FOREIGN KEY ("product_id") REFERENCES "products" ("id") DEFERRABLE INITIALLY DEFERRED;
COMMIT;
