ALTER TABLE products ALTER COLUMN attrs TYPE json USING attrs::json;
