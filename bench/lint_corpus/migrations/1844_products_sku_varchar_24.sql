-- SKUs are at most 24 chars per the new supplier spec
ALTER TABLE products ALTER COLUMN sku TYPE varchar(24);
