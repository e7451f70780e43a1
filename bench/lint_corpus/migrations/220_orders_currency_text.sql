-- char(3) pads and compares oddly in the ORM; use text with a check instead.
ALTER TABLE orders
    ALTER COLUMN currency TYPE text,
    ADD CONSTRAINT orders_currency_iso CHECK (currency ~ '^[A-Z]{3}$') NOT VALID;
