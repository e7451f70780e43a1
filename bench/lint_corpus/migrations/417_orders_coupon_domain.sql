-- Coupon codes are lowercase slugs; enforce it with a domain shared with the coupons service.
CREATE DOMAIN coupon_code AS text
    CHECK (VALUE ~ '^[a-z0-9][a-z0-9-]*$');

ALTER TABLE orders ALTER COLUMN coupon TYPE coupon_code;
