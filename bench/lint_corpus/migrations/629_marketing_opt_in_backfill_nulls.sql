-- Make marketing_opt_in default to false and clean up old NULLs.
BEGIN;
ALTER TABLE customers ALTER COLUMN marketing_opt_in SET DEFAULT false;
UPDATE customers SET marketing_opt_in = false WHERE marketing_opt_in IS NULL;
COMMIT;
