BEGIN;
--
-- Alter unique_together for orderitem (1 constraint(s))
--
ALTER TABLE "order_items" ADD CONSTRAINT "order_items_order_id_product_id_6c1a3b8e_uniq" UNIQUE ("order_id", "product_id");
COMMIT;
