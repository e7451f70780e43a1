-- Rebuild all order_items indexes after the bulk import.
REINDEX TABLE order_items;
