-- Marketing wants coupon usage reports. Only 5% of orders carry a coupon, so the index is partial.
SET lock_timeout = '2s';
SET statement_timeout = '10min';

CREATE INDEX orders_coupon_idx ON orders (coupon) WHERE coupon IS NOT NULL;
