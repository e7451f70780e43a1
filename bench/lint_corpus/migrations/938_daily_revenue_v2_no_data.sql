CREATE MATERIALIZED VIEW daily_revenue_by_country AS
    SELECT o.created_at::date AS day, c.country, sum(o.total) AS revenue
    FROM orders o JOIN customers c ON c.id = o.customer_id
    GROUP BY 1, 2
WITH NO DATA;
CREATE UNIQUE INDEX daily_revenue_by_country_key ON daily_revenue_by_country (day, country);
REFRESH MATERIALIZED VIEW daily_revenue_by_country;
