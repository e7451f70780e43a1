-- Every customer gets a referral code.
ALTER TABLE customers ADD COLUMN referral_code text NOT NULL DEFAULT substr(md5(random()::text), 1, 10);
