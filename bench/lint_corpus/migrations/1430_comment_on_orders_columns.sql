-- Document the orders columns for the data catalogue.
COMMENT ON TABLE orders IS 'One row per checkout';
COMMENT ON COLUMN orders.total IS 'Gross total incl. VAT, in orders.currency';
COMMENT ON COLUMN orders.coupon IS 'Coupon code applied at checkout, if any';
