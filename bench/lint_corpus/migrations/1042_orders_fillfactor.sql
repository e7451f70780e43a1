-- Leave room for HOT updates of status/shipped_at.
ALTER TABLE orders SET (fillfactor = 85);
