-- Read-only access for the BI tool.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'reporting') THEN
        CREATE ROLE reporting NOLOGIN;
    END IF;
END
$$;
GRANT USAGE ON SCHEMA public TO reporting;
GRANT SELECT ON orders, order_items, products, daily_revenue TO reporting;
REVOKE ALL ON sessions FROM reporting;
