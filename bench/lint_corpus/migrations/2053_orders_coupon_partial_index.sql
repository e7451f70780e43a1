-- partial index: only 5% of orders carry a coupon, so it is small
CREATE INDEX orders_coupon_idx ON orders (coupon) WHERE coupon IS NOT NULL;
