-- The API returns coupon as a string; replace NULLs with the empty string.
UPDATE orders SET coupon = '' WHERE coupon IS NULL;
