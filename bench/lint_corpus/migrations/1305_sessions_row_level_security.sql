-- Tenant isolation for sessions accessed through the API role.
ALTER TABLE sessions ENABLE ROW LEVEL SECURITY;
CREATE POLICY sessions_own ON sessions
    USING (customer_id = nullif(current_setting('app.customer_id', true), '')::bigint);
