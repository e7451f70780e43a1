-- Finance wants a frozen copy of last year's orders before the retention job runs.
-- CREATE TABLE AS only reads orders.
CREATE TABLE orders_archive_snapshot AS
SELECT *
FROM   orders
WHERE  created_at < date_trunc('year', now());

ALTER TABLE orders_archive_snapshot ADD PRIMARY KEY (id);
