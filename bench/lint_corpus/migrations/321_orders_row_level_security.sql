-- Multi-tenant portal: customers may only see their own orders.
ALTER TABLE orders ENABLE ROW LEVEL SECURITY;
CREATE POLICY orders_owner_select ON orders
    FOR SELECT
    USING (customer_id = nullif(current_setting('app.customer_id', true), '')::bigint);
