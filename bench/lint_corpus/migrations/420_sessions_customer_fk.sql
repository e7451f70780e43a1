-- sessions.customer_id never had a foreign key.
-- Step 1: add it without checking existing rows; step 2: validate separately.
ALTER TABLE sessions
    ADD CONSTRAINT sessions_customer_id_fkey
    FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE NOT VALID;

ALTER TABLE sessions VALIDATE CONSTRAINT sessions_customer_id_fkey;
