-- orders rows are updated a lot (status changes); leave room for HOT updates.
ALTER TABLE orders SET (fillfactor = 85);
