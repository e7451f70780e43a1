-- Lifetime value per customer for the marketing team.
CREATE MATERIALIZED VIEW customer_ltv AS
SELECT c.id AS customer_id,
       c.country,
       count(o.id) AS orders,
       coalesce(sum(o.total), 0) AS lifetime_value
  FROM customers c
  LEFT JOIN orders o ON o.customer_id = c.id
 GROUP BY c.id, c.country
WITH DATA;

CREATE UNIQUE INDEX customer_ltv_customer_id ON customer_ltv (customer_id);
