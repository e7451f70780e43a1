ALTER TABLE customers ADD COLUMN preferred_language varchar(8);
