ALTER TABLE customers ADD COLUMN birth_year integer CHECK (birth_year > 1900);
