ALTER TABLE products ADD COLUMN legacy_id serial;
