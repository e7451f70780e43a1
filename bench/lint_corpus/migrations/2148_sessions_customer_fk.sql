-- Sessions of deleted customers should go with them.
BEGIN;
ALTER TABLE sessions
    ADD CONSTRAINT sessions_customer_id_fkey
    FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE;
COMMIT;
