CREATE INDEX sessions_customer_id_idx ON sessions USING hash (customer_id);
