-- Restrict currencies to the ones the payment provider supports.
BEGIN;
ALTER TABLE orders ADD CONSTRAINT orders_currency_supported
    CHECK (currency IN ('EUR', 'PLN', 'GBP', 'USD')) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_currency_supported;
COMMIT;
