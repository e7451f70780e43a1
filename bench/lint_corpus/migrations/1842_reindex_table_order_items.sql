-- ops: rebuild all order_items indexes after the corruption scare (amcheck reported nothing, but still)
REINDEX TABLE order_items;
