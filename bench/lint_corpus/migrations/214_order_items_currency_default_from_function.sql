-- Line items carry their own currency from now on; defaults to the shop currency.
CREATE OR REPLACE FUNCTION shop_currency() RETURNS char(3)
LANGUAGE sql IMMUTABLE AS $$ SELECT 'EUR'::char(3) $$;

ALTER TABLE order_items ADD COLUMN currency char(3) NOT NULL DEFAULT shop_currency();
