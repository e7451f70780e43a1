-- Read-only role for the BI tool.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'reporting_ro') THEN
        CREATE ROLE reporting_ro NOLOGIN;
    END IF;
END $$;
GRANT USAGE ON SCHEMA public TO reporting_ro;
GRANT SELECT ON orders, order_items, products, daily_revenue TO reporting_ro;
