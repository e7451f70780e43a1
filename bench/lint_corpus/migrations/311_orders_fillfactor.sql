-- orders rows are updated several times (status changes); leave room for HOT updates.
ALTER TABLE orders SET (fillfactor = 85);
