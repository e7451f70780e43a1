-- Same change without a validating scan under lock: new FK NOT VALID, validate, drop old.
SET lock_timeout = '2s';
ALTER TABLE orders ADD CONSTRAINT orders_customer_id_cascade_fkey
    FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_id_cascade_fkey;
ALTER TABLE orders DROP CONSTRAINT orders_customer_id_fkey;
