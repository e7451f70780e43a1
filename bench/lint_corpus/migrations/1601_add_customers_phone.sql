-- Add an optional phone number to customers for SMS notifications
ALTER TABLE customers ADD COLUMN phone varchar(32);
