-- Some B2B bundles cost more than 99,999,999.99. Widen precision, keep the scale.
ALTER TABLE products ALTER COLUMN price TYPE numeric(14,2);
