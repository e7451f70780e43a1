-- Customer statuses become a lookup table referenced by customers.status.
BEGIN;
CREATE TABLE customer_statuses (code text PRIMARY KEY, label text NOT NULL);
INSERT INTO customer_statuses VALUES ('active', 'Active'), ('blocked', 'Blocked'), ('deleted', 'Deleted');
ALTER TABLE customers ADD CONSTRAINT customers_status_fkey
    FOREIGN KEY (status) REFERENCES customer_statuses (code);
COMMIT;
