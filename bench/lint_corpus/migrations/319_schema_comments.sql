COMMENT ON TABLE orders IS 'One row per checkout; lines live in order_items.';
COMMENT ON COLUMN orders.total IS 'Gross total in orders.currency, VAT included';
COMMENT ON COLUMN orders.shipped_at IS 'Set by the warehouse system, NULL until shipped';
COMMENT ON TABLE events IS 'Clickstream, partitioned by year of occurred_at';
