-- Login looks customers up by lower(email).
CREATE INDEX CONCURRENTLY customers_lower_email_idx ON customers ((lower(email)));
