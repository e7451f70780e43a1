BEGIN;
ALTER TABLE customers ADD COLUMN tier text;
UPDATE customers SET tier = 'basic' WHERE created_at < now();
COMMIT;
