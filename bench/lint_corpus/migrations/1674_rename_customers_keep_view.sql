-- Rename customers to accounts, keeping a compatibility view for old code
BEGIN;
ALTER TABLE customers RENAME TO accounts;
CREATE VIEW customers AS SELECT * FROM accounts;
COMMIT;
