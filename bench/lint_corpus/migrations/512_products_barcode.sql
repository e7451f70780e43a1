-- EAN barcodes, unique when present.
ALTER TABLE products ADD COLUMN barcode varchar(14) UNIQUE;
