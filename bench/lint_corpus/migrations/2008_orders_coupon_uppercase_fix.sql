-- Data fix: coupon codes were stored in lower case by the old checkout.
UPDATE orders SET coupon = upper(coupon) WHERE coupon IS NOT NULL AND coupon <> upper(coupon);
