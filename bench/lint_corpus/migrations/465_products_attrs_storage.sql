-- attrs documents are read whole; store them out of line and compress with lz4.
ALTER TABLE products ALTER COLUMN attrs SET STORAGE EXTENDED;
ALTER TABLE products ALTER COLUMN attrs SET COMPRESSION lz4;
