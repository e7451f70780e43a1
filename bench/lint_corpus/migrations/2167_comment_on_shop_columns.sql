-- Document the columns the data team keeps asking about.
COMMENT ON COLUMN orders.total      IS 'Gross amount in orders.currency, after discounts';
COMMENT ON COLUMN orders.shipped_at IS 'Warehouse hand-over time (UTC, no zone)';
COMMENT ON COLUMN order_items.unit_price IS 'Price per unit at the time of the order';
COMMENT ON COLUMN customers.marketing_opt_in IS 'NULL = never asked';
COMMENT ON TABLE audit_log IS 'Append-only; purged after 2 years';
