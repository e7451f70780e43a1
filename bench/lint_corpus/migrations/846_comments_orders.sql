COMMENT ON TABLE orders IS 'One row per checkout; lines in order_items';
COMMENT ON COLUMN orders.total IS 'Gross total incl. VAT, in orders.currency';
COMMENT ON COLUMN orders.coupon IS 'Promotion code as typed by the customer';
COMMENT ON MATERIALIZED VIEW daily_revenue IS 'Refreshed nightly by cron';
