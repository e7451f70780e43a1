-- Leave room for HOT updates on orders (status changes often).
ALTER TABLE orders SET (fillfactor = 85);
