-- Deleting a customer (GDPR) deletes their orders.
BEGIN;
ALTER TABLE orders DROP CONSTRAINT orders_customer_id_fkey;
ALTER TABLE orders ADD CONSTRAINT orders_customer_id_fkey
    FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE NOT VALID;
COMMIT;

ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_id_fkey;
