-- Product sales report, refreshed nightly.
CREATE MATERIALIZED VIEW product_sales AS
SELECT oi.product_id, sum(oi.quantity) AS units, sum(oi.quantity * oi.unit_price) AS revenue
FROM order_items oi
GROUP BY oi.product_id
WITH DATA;
CREATE UNIQUE INDEX product_sales_product_id ON product_sales (product_id);
