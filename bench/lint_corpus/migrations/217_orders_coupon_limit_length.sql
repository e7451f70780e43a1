-- Coupon codes are at most 40 characters; enforce it in the schema.
ALTER TABLE orders ALTER COLUMN coupon TYPE varchar(40);
