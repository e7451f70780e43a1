-- Small BRIN index on customers.created_at for the signup report.
CREATE INDEX customers_created_at_brin ON customers USING brin (created_at);
