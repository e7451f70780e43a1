BEGIN;
-- each coupon can be redeemed once per customer
CREATE UNIQUE INDEX orders_customer_coupon_uniq ON orders (customer_id, coupon) WHERE coupon IS NOT NULL;
COMMENT ON INDEX orders_customer_coupon_uniq IS 'one redemption per customer';
COMMIT;
