-- Product renamed the field in the UI; follow it in the schema.
ALTER TABLE customers RENAME COLUMN full_name TO display_name;
