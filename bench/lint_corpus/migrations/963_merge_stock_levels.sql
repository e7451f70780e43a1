CREATE TEMP TABLE stock_import (product_id int PRIMARY KEY, stock int NOT NULL);
INSERT INTO stock_import VALUES (1, 10), (2, 0), (3, 7), (999999, 1);
MERGE INTO products p
USING stock_import s ON s.product_id = p.id
WHEN MATCHED THEN UPDATE SET stock = s.stock
WHEN NOT MATCHED THEN DO NOTHING;
