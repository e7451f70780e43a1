-- Cancelled orders should report a zero total.
UPDATE orders SET total = 0 WHERE status = 'cancelled' AND total <> 0;
