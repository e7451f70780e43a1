CREATE PUBLICATION shop_cdc FOR TABLE orders, order_items, customers
    WITH (publish = 'insert, update, delete');
