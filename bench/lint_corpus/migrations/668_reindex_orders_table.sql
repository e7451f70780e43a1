-- Rebuild all of orders' indexes after the bulk load.
REINDEX TABLE orders;
