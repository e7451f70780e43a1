-- Team rule: every DDL sets lock_timeout so it can't queue behind a long transaction.
SET lock_timeout = '1s';
SET statement_timeout = '30min';
ALTER TABLE customers ADD COLUMN referral_code text DEFAULT substr(md5(random()::text), 1, 8);
