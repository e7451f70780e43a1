-- Documentation pass + tune TOAST for the free-text columns.
COMMENT ON TABLE orders IS 'One row per checkout; lines in order_items.';
COMMENT ON COLUMN orders.coupon IS 'Campaign code entered at checkout, NULL if none.';
COMMENT ON COLUMN customers.notes IS 'Free text from support; not shown to the customer.';
ALTER TABLE customers ALTER COLUMN notes SET STORAGE EXTERNAL;
ALTER TABLE audit_log ALTER COLUMN details SET STORAGE EXTERNAL;
ALTER TABLE orders SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.01);
ALTER TABLE orders ALTER COLUMN status SET STATISTICS 500;
