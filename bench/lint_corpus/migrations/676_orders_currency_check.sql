-- Only the three currencies we settle in.
ALTER TABLE orders ADD CONSTRAINT orders_currency_known
    CHECK (currency IN ('EUR', 'PLN', 'GBP'));
