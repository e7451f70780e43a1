-- One account per email address
ALTER TABLE customers ADD CONSTRAINT customers_email_key UNIQUE (email);
