-- Rebuild order_items indexes after the corruption scare (amcheck flagged the pkey).
REINDEX TABLE order_items;
