-- A coupon may be used once per customer. Build the unique index online.
CREATE UNIQUE INDEX CONCURRENTLY orders_customer_coupon_uniq
    ON orders (customer_id, coupon)
    WHERE coupon IS NOT NULL;
