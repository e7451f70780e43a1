CREATE UNLOGGED TABLE import_staging_products (LIKE products);
ALTER TABLE import_staging_products SET (autovacuum_enabled = false);
