-- Row-level security for the multi-tenant admin; the app role sees its country only.
ALTER TABLE customers ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS customers_by_country ON customers;
CREATE POLICY customers_by_country ON customers
    USING (country = current_setting('app.country', true));
