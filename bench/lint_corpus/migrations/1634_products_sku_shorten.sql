-- SKUs are at most 16 characters in the new ERP
ALTER TABLE products ALTER COLUMN sku TYPE varchar(16);
