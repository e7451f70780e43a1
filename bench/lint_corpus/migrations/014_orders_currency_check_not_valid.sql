ALTER TABLE orders ADD CONSTRAINT orders_currency_known
    CHECK (currency IN ('EUR', 'PLN', 'GBP', 'USD')) NOT VALID;
ALTER TABLE orders VALIDATE CONSTRAINT orders_currency_known;
