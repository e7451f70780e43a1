CREATE INDEX customers_created_at_brin ON customers USING brin (created_at);
