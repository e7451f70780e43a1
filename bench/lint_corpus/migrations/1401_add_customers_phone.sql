-- Add an optional phone number to customers for SMS delivery notifications.
ALTER TABLE customers ADD COLUMN phone varchar(32);
