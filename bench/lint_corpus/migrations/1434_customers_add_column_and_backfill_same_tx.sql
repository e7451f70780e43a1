-- Add customers.display_name and fill it from full_name.
BEGIN;
ALTER TABLE customers ADD COLUMN display_name text;
UPDATE customers SET display_name = coalesce(full_name, email);
COMMIT;
