-- Django: add tier to customer and populate it in the same migration (RunPython as SQL)
BEGIN;
ALTER TABLE "customers" ADD COLUMN "tier" varchar(10) NULL;
UPDATE "customers" SET "tier" = CASE WHEN "notes" = 'vip' THEN 'gold' ELSE 'standard' END;
COMMIT;
