SET statement_timeout = '10min';
CREATE INDEX CONCURRENTLY IF NOT EXISTS customers_country_idx ON customers (country);
ANALYZE customers;
