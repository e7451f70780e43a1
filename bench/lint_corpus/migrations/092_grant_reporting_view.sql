CREATE VIEW revenue_by_country AS
    SELECT c.country, sum(o.total) AS revenue
    FROM orders o JOIN customers c ON c.id = o.customer_id GROUP BY c.country;
COMMENT ON VIEW revenue_by_country IS 'For the finance dashboard.';
