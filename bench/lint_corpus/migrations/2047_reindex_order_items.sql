REINDEX TABLE order_items;
