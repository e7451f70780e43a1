-- Normalise coupons into their own table and reference it from orders.
BEGIN;
CREATE TABLE coupons (
    id serial PRIMARY KEY,
    code text NOT NULL UNIQUE
);
INSERT INTO coupons (code) SELECT DISTINCT coupon FROM orders WHERE coupon IS NOT NULL;
ALTER TABLE orders ADD COLUMN coupon_id integer REFERENCES coupons (id);
COMMIT;
