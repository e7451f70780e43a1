-- Add db_index=True to Customer.status for the churn report.
BEGIN;
--
-- Alter field status on customer
--
CREATE INDEX "customers_status_4f1c2a_idx" ON "customers" ("status");
COMMIT;
