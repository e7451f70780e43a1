-- New TOAST values in attrs compress with lz4 (existing values are left as they are).
ALTER TABLE products ALTER COLUMN attrs SET COMPRESSION lz4;
ALTER TABLE products ALTER COLUMN title SET STORAGE EXTERNAL;
