-- == 20261110090000 ChangeCustomersStatusDefault: migrating ====================
-- -- change_column_default(:customers, :status, from: "active", to: "pending")
BEGIN;
ALTER TABLE "customers" ALTER COLUMN "status" SET DEFAULT 'pending';
COMMIT;
