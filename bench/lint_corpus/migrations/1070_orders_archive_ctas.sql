CREATE TABLE orders_archive AS
SELECT * FROM orders WHERE created_at < now() - interval '18 months';
