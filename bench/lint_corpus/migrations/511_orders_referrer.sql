-- Referral programme: who referred the customer who placed this order.
ALTER TABLE orders ADD COLUMN referrer_id bigint REFERENCES customers (id);
