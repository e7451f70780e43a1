-- Leave room for HOT updates of order status
ALTER TABLE orders SET (fillfactor = 85, autovacuum_vacuum_scale_factor = 0.02);
