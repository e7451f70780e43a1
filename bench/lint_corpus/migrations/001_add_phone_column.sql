-- Customers can leave a phone number at checkout.
ALTER TABLE customers ADD COLUMN phone text;
