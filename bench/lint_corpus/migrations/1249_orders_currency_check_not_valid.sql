-- Reject unknown currencies on new orders; old rows are checked by a later job.
ALTER TABLE orders ADD CONSTRAINT orders_currency_known
    CHECK (currency IN ('EUR', 'PLN', 'GBP', 'USD')) NOT VALID;
