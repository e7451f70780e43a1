-- Fuel and bulk goods are priced with three decimals.
ALTER TABLE products ALTER COLUMN price TYPE numeric(10,3);
