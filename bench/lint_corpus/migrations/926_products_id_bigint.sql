ALTER TABLE products ALTER COLUMN id TYPE bigint;
