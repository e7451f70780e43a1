BEGIN;
CREATE INDEX sessions_customer_id_idx ON sessions (customer_id);
ANALYZE sessions;
COMMIT;
