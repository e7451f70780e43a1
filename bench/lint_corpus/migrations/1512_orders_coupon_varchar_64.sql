-- Coupon codes are at most 64 characters.
ALTER TABLE orders ALTER COLUMN coupon TYPE varchar(64);
