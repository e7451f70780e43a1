-- Ownership to the migrations role, writes for the app role.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'shop_owner') THEN
        CREATE ROLE shop_owner NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'shop_app') THEN
        CREATE ROLE shop_app NOLOGIN;
    END IF;
END
$$;
ALTER TABLE orders OWNER TO shop_owner;
ALTER TABLE order_items OWNER TO shop_owner;
GRANT SELECT, INSERT, UPDATE ON orders, order_items TO shop_app;
