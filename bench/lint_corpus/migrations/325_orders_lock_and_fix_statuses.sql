-- Status values were mixed case; fix them while nobody writes orders.
BEGIN;
LOCK TABLE orders IN ACCESS EXCLUSIVE MODE;
UPDATE orders SET status = lower(status) WHERE status <> lower(status);
UPDATE orders SET status = 'cancelled' WHERE status = 'canceled';
COMMIT;
