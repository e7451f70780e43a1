-- Deploy shop:coupons to pg
-- requires: orders

BEGIN;

CREATE TABLE coupons (
    code        text PRIMARY KEY,
    percent_off smallint NOT NULL CHECK (percent_off BETWEEN 1 AND 100),
    valid_until date
);

INSERT INTO coupons (code, percent_off) VALUES ('spring', 10);

ALTER TABLE orders
    ADD CONSTRAINT orders_coupon_fkey FOREIGN KEY (coupon) REFERENCES coupons (code) NOT VALID;

COMMIT;
