-- Move the legacy orders.coupon values into order_coupons.
CREATE TABLE IF NOT EXISTS order_coupons (
    order_id bigint NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    code text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (order_id, code)
);
BEGIN;
INSERT INTO order_coupons (order_id, code)
SELECT id, coupon FROM orders WHERE coupon IS NOT NULL
ON CONFLICT DO NOTHING;
UPDATE orders SET coupon = NULL WHERE coupon IS NOT NULL;
COMMIT;
