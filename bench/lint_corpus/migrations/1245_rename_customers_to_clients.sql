-- Rename customers to clients; keep a view under the old name until every service is deployed.
BEGIN;
ALTER TABLE customers RENAME TO clients;
CREATE VIEW customers AS SELECT * FROM clients;
COMMIT;
