CREATE TEMP TABLE restock (product_id integer, qty integer);
INSERT INTO restock SELECT g, 50 FROM generate_series(1, 500) g;
INSERT INTO restock VALUES (-1, 10);
MERGE INTO products p
USING restock r ON p.id = r.product_id
WHEN MATCHED THEN UPDATE SET stock = p.stock + r.qty
WHEN NOT MATCHED THEN DO NOTHING;
