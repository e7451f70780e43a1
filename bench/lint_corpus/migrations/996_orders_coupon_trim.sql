-- Strip the whitespace the old checkout left in coupon codes.
ALTER TABLE orders ALTER COLUMN coupon TYPE text USING btrim(coupon);
