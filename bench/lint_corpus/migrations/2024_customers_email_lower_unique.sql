-- Case-insensitive uniqueness of e-mail addresses.
CREATE UNIQUE INDEX customers_email_lower_key ON customers (lower(email));
