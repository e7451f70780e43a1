-- Customer order history page: newest orders first, with totals, index-only.
BEGIN;
CREATE INDEX orders_customer_created_idx
    ON orders (customer_id, created_at DESC) INCLUDE (total, status);
COMMIT;
