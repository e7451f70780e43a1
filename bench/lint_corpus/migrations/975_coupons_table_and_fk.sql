-- Coupons get their own table; orders.coupon must reference an existing code.
CREATE TABLE coupons (
    code text PRIMARY KEY,
    percent_off smallint NOT NULL DEFAULT 10,
    active boolean NOT NULL DEFAULT true
);
INSERT INTO coupons (code) SELECT DISTINCT coupon FROM orders WHERE coupon IS NOT NULL;
ALTER TABLE orders ADD CONSTRAINT orders_coupon_fkey FOREIGN KEY (coupon) REFERENCES coupons (code);
