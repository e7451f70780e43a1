COMMENT ON TABLE orders IS 'One row per checkout; lines in order_items.';
COMMENT ON COLUMN orders.status IS 'new | paid | shipped | cancelled';
COMMENT ON COLUMN orders.total IS 'Gross total in orders.currency, set at checkout.';
COMMENT ON COLUMN orders.coupon IS 'Code entered at checkout, if any.';
