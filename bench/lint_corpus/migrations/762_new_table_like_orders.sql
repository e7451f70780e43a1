-- Quotes share the orders layout until they're converted.
CREATE TABLE quotes (LIKE orders INCLUDING ALL);
ALTER TABLE quotes ADD COLUMN valid_until date;
CREATE INDEX quotes_valid_until_idx ON quotes (valid_until);
