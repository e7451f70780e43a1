-- Best sellers for the storefront, refreshed hourly by cron.
CREATE MATERIALIZED VIEW product_sales AS
    SELECT product_id, sum(quantity) AS units, sum(quantity * unit_price) AS revenue
    FROM order_items
    GROUP BY product_id
WITH DATA;
CREATE UNIQUE INDEX product_sales_product_id ON product_sales (product_id);
