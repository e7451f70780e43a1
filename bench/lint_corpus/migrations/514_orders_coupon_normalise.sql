-- Coupon codes were stored with mixed case by the old checkout.
UPDATE orders SET coupon = lower(coupon) WHERE coupon IS NOT NULL AND coupon <> lower(coupon);
