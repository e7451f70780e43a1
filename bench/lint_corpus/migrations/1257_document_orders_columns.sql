-- Document the orders columns for the data catalogue.
COMMENT ON TABLE orders IS 'One row per checkout.';
COMMENT ON COLUMN orders.total IS 'Gross total in the order currency, tax included.';
COMMENT ON COLUMN orders.coupon IS 'Promotion code entered at checkout, if any.';
COMMENT ON COLUMN orders.shipped_at IS 'Set by the warehouse system when the parcel leaves.';
