SET lock_timeout = '3s';
ALTER TABLE sessions
    ADD CONSTRAINT sessions_customer_id_fkey FOREIGN KEY (customer_id)
    REFERENCES customers (id) ON DELETE CASCADE NOT VALID;
RESET lock_timeout;
ALTER TABLE sessions VALIDATE CONSTRAINT sessions_customer_id_fkey;
