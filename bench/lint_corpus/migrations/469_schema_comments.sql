-- Documentation for the data catalogue.
COMMENT ON TABLE orders IS 'One row per checkout.';
COMMENT ON COLUMN orders.total IS 'Gross amount in the order currency, tax included.';
COMMENT ON COLUMN orders.coupon IS 'Coupon code applied at checkout, if any.';
COMMENT ON COLUMN customers.marketing_opt_in IS 'NULL = never asked.';
COMMENT ON INDEX orders_customer_idx IS 'Order history lookups.';
