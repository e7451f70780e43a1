BEGIN;
--
-- Rename field notes on customer to internal_notes
--
ALTER TABLE "customers" RENAME COLUMN "notes" TO "internal_notes";
COMMIT;
