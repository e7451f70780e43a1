ALTER TABLE orders ADD CONSTRAINT orders_currency_iso CHECK (currency ~ '^[A-Z]{3}$');
