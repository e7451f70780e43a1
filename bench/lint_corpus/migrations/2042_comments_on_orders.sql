COMMENT ON TABLE orders IS 'One row per checkout; lines are in order_items.';
COMMENT ON COLUMN orders.total IS 'Sum of the lines, in currency, tax included';
COMMENT ON COLUMN orders.coupon IS 'Marketing coupon code, upper case';
COMMENT ON INDEX orders_customer_idx IS 'Customer order history page';
