-- Row level security: the support portal only sees customers of its own country.
ALTER TABLE customers ENABLE ROW LEVEL SECURITY;

CREATE POLICY customers_country_isolation ON customers
    USING (country = current_setting('app.country', true));
