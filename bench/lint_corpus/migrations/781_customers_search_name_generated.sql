-- Case-insensitive name search; let the database maintain the folded copy.
ALTER TABLE customers ADD COLUMN search_name text GENERATED ALWAYS AS (lower(full_name)) STORED;
