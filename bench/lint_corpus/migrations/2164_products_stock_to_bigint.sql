-- Digital products have "unlimited" stock encoded as 2^31 and more.
ALTER TABLE products ALTER COLUMN stock TYPE bigint;
