-- Sort product titles byte-wise (the storefront sorts in the client anyway).
-- Same type, only the collation changes; there is no index on title.
ALTER TABLE products ALTER COLUMN title TYPE text COLLATE "C";
