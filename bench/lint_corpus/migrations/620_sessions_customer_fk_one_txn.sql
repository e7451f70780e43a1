-- sessions.customer_id -> customers.id
-- NOT VALID first so the ALTER itself is instant, then validate.
BEGIN;
ALTER TABLE sessions ADD CONSTRAINT sessions_customer_id_fkey
    FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;
ALTER TABLE sessions VALIDATE CONSTRAINT sessions_customer_id_fkey;
COMMIT;
