-- Reporting view of paid orders per customer
CREATE OR REPLACE VIEW customer_paid_totals AS
SELECT o.customer_id, count(*) AS orders, sum(o.total) AS total
FROM orders o WHERE o.status IN ('paid', 'shipped')
GROUP BY o.customer_id;
GRANT SELECT ON customer_paid_totals TO PUBLIC;
COMMENT ON VIEW customer_paid_totals IS 'Paid and shipped orders per customer';
