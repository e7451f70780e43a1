-- Emails are unique regardless of case.
CREATE UNIQUE INDEX customers_email_lower_key ON customers (lower(email));
