-- SKUs are at most 16 characters since the PIM migration.
ALTER TABLE products ALTER COLUMN sku TYPE varchar(16);
