-- Ticket SHOP-2291: store a phone number for delivery notifications.
ALTER TABLE customers ADD COLUMN phone text;
COMMENT ON COLUMN customers.phone IS 'E.164, validated by the app';
