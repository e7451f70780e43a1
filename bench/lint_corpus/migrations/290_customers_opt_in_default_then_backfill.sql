-- marketing_opt_in: NULL means "never asked"; treat as false from now on.
ALTER TABLE customers ALTER COLUMN marketing_opt_in SET DEFAULT false;
UPDATE customers SET marketing_opt_in = false WHERE marketing_opt_in IS NULL;
