ALTER TABLE orders ALTER COLUMN coupon TYPE varchar(30);
