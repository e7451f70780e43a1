-- Customers tagged vip in notes get the vip status.
UPDATE customers SET status = 'vip' WHERE notes = 'vip';
