CREATE INDEX sessions_customer_id_hash ON sessions USING hash (customer_id);
