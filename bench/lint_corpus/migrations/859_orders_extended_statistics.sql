CREATE STATISTICS IF NOT EXISTS orders_status_currency_stx (dependencies, ndistinct)
    ON status, currency FROM orders;
ANALYZE orders;
