-- Emails can be up to 320 characters per RFC 5321; widen the column.
BEGIN;
--
-- Alter field email on customer
--
ALTER TABLE "customers" ALTER COLUMN "email" TYPE varchar(320);
COMMIT;
