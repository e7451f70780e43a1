-- Sessions must belong to an existing customer (two steps, each in its own transaction).
ALTER TABLE sessions ADD CONSTRAINT sessions_customer_id_fkey
    FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE NOT VALID;
ALTER TABLE sessions VALIDATE CONSTRAINT sessions_customer_id_fkey;
