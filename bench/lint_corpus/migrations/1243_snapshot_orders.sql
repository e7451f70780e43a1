-- Keep a copy of orders before the currency migration, just in case.
CREATE TABLE orders_backup_20261207 AS SELECT * FROM orders;
