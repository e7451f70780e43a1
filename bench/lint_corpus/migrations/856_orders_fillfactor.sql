-- leave room for HOT updates of status
ALTER TABLE orders SET (fillfactor = 85);
