-- NOT VALID + VALIDATE, but both in one transaction
BEGIN;
ALTER TABLE sessions ADD CONSTRAINT sessions_customer_fk
    FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;
ALTER TABLE sessions VALIDATE CONSTRAINT sessions_customer_fk;
COMMIT;
