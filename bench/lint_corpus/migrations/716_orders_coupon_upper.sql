-- Coupon codes are case-insensitive; store them upper-case.
UPDATE orders SET coupon = upper(coupon) WHERE coupon IS NOT NULL AND coupon <> upper(coupon);
