BEGIN;
ALTER TABLE sessions ENABLE ROW LEVEL SECURITY;
CREATE POLICY sessions_owner ON sessions
    USING (customer_id = nullif(current_setting('app.customer_id', true), '')::bigint);
COMMIT;
