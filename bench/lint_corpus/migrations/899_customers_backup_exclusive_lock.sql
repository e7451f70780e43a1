-- Backup before the GDPR cleanup; block changes (not reads) while copying.
BEGIN;
LOCK TABLE customers IN EXCLUSIVE MODE;
CREATE TABLE customers_backup_20261107 AS SELECT * FROM customers;
COMMIT;
