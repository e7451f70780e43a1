UPDATE customers SET marketing_opt_in = false WHERE marketing_opt_in IS NULL;
ALTER TABLE customers ALTER COLUMN marketing_opt_in SET DEFAULT false;
ALTER TABLE customers ALTER COLUMN marketing_opt_in SET NOT NULL;
