-- Industrial equipment costs more than 99,999,999.99.
ALTER TABLE products ALTER COLUMN price TYPE numeric(14,2);
