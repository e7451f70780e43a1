-- SMS verification: remember when a customer's phone number was confirmed.
ALTER TABLE customers ADD COLUMN phone_verified_at timestamptz;
