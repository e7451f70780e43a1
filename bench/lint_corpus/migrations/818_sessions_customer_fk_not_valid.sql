-- Step 1 and 2, each in its own transaction (psql autocommit).
SET lock_timeout = '2s';
ALTER TABLE sessions ADD CONSTRAINT sessions_customer_id_fkey
    FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE NOT VALID;
SET lock_timeout = 0;
ALTER TABLE sessions VALIDATE CONSTRAINT sessions_customer_id_fkey;
