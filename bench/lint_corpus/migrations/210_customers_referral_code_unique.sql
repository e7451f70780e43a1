-- Referral programme: each customer may get a short code, unique across customers.
ALTER TABLE customers ADD COLUMN referral_code varchar(12) UNIQUE;
