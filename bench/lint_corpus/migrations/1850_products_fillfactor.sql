-- stock is updated constantly; leave room for HOT updates
ALTER TABLE products SET (fillfactor = 80);
