-- Coupons become first-class; orders.coupon references them.
CREATE TABLE coupons (
    code        text PRIMARY KEY,
    percent_off numeric(5,2) NOT NULL CHECK (percent_off > 0 AND percent_off <= 100),
    valid_until date
);
INSERT INTO coupons (code, percent_off, valid_until) VALUES ('spring', 10, '2026-06-30');

ALTER TABLE orders
    ADD CONSTRAINT orders_coupon_fkey FOREIGN KEY (coupon) REFERENCES coupons (code) NOT VALID;

ALTER TABLE orders VALIDATE CONSTRAINT orders_coupon_fkey;
