-- SET NOT NULL without a long scan under ACCESS EXCLUSIVE: a validated CHECK lets
-- PostgreSQL 12+ skip the scan.
ALTER TABLE sessions ADD CONSTRAINT sessions_customer_id_nn CHECK (customer_id IS NOT NULL) NOT VALID;
ALTER TABLE sessions VALIDATE CONSTRAINT sessions_customer_id_nn;
ALTER TABLE sessions ALTER COLUMN customer_id SET NOT NULL;
ALTER TABLE sessions DROP CONSTRAINT sessions_customer_id_nn;
