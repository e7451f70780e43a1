-- Orders can carry several coupons: join table between orders and coupon codes.
CREATE TABLE order_coupons (
    order_id bigint NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    code text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (order_id, code)
);
