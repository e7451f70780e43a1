COMMENT ON TABLE orders IS 'One row per checkout.';
COMMENT ON COLUMN orders.coupon IS 'Promotion code entered at checkout, if any.';
