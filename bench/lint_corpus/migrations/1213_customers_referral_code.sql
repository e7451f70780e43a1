-- Every customer gets a short referral code for the invite-a-friend campaign.
ALTER TABLE customers
    ADD COLUMN referral_code text DEFAULT substr(md5(random()::text), 1, 8);
