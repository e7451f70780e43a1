-- "Who bought this product" page: index the product id on order lines.
CREATE INDEX index_order_items_on_product_id ON public.order_items USING btree (product_id);
