-- Admin panel filters customers by status.
BEGIN;
CREATE INDEX customers_status_idx ON customers (status);
COMMIT;
