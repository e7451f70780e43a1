DELETE FROM customers WHERE id > 1000000;
VACUUM FULL customers;
