-- Planner keeps misestimating country/status combinations.
CREATE STATISTICS IF NOT EXISTS customers_country_status (dependencies, ndistinct)
    ON country, status FROM customers;
CREATE STATISTICS IF NOT EXISTS orders_status_currency (mcv) ON status, currency FROM orders;
ANALYZE customers;
ANALYZE orders;
