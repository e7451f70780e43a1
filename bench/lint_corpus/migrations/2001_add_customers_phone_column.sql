-- Customers can now leave a phone number at checkout (nullable, no default).
ALTER TABLE customers ADD COLUMN phone text;
COMMENT ON COLUMN customers.phone IS 'E.164 phone number, optional';
