-- products was briefly made UNLOGGED on staging for a bulk load; make sure it's logged everywhere.
ALTER TABLE products SET LOGGED;
