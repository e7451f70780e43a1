-- Align with the identity provider, which caps e-mails at 100 characters.
BEGIN;
ALTER TABLE customers ALTER COLUMN email TYPE varchar(100);
COMMIT;
