-- Leave room for HOT updates on orders (status changes a lot).
ALTER TABLE orders SET (fillfactor = 85);
