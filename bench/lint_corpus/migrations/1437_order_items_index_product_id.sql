-- add_reference style index: order_items by product (knex migration 20261109_order_items_product_idx).
create index "order_items_product_id_index" on "order_items" ("product_id");
