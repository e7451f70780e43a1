CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_coupon_idx ON orders (coupon) WHERE coupon IS NOT NULL;
CREATE INDEX IF NOT EXISTS order_items_product_qty_idx ON order_items (product_id, quantity);
