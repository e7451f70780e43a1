-- Guard against lower-case currency codes coming from the POS integration.
ALTER TABLE orders
    ADD CONSTRAINT orders_currency_upper CHECK (currency = upper(currency));
