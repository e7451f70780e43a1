-- Country-level exports read customers country by country; store them that way.
CREATE INDEX IF NOT EXISTS customers_country_idx ON customers (country);
CLUSTER customers USING customers_country_idx;
ANALYZE customers;
