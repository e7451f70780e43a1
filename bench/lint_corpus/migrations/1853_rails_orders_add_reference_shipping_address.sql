-- Rails: add_reference :orders, :shipping_address, index: true
ALTER TABLE "orders" ADD "shipping_address_id" bigint;
CREATE INDEX "index_orders_on_shipping_address_id" ON "orders" ("shipping_address_id");
