-- the PIM export wants key order preserved
ALTER TABLE products ALTER COLUMN attrs TYPE json USING attrs::json;
