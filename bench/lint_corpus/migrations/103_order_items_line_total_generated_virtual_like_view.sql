CREATE VIEW order_item_totals AS
    SELECT order_id, line_no, quantity * unit_price AS line_total FROM order_items;
