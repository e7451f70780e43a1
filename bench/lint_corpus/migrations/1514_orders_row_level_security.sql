-- Row level security on orders for the partner portal role.
DO $$ BEGIN
    CREATE ROLE partner_portal NOLOGIN;
EXCEPTION WHEN duplicate_object THEN NULL;
END $$;
ALTER TABLE orders ENABLE ROW LEVEL SECURITY;
CREATE POLICY orders_owner_all ON orders FOR ALL TO PUBLIC USING (true);
CREATE POLICY orders_partner ON orders FOR SELECT TO partner_portal USING (status <> 'cancelled');
