-- Django: 0051_rename_full_name_customer_display_name
BEGIN;
--
-- Rename field full_name on customer to display_name
--
ALTER TABLE "customers" RENAME COLUMN "full_name" TO "display_name";
COMMIT;
