-- Take a consistent copy of orders before the currency migration.
BEGIN;
LOCK TABLE orders IN EXCLUSIVE MODE;
CREATE TABLE orders_backup_20261207 AS TABLE orders;
COMMIT;
