ALTER TABLE customers ALTER COLUMN marketing_opt_in SET DEFAULT false;
ALTER TABLE customers ALTER COLUMN marketing_opt_in SET NOT NULL;
