BEGIN;
ALTER TABLE products ADD COLUMN currency char(3) NOT NULL DEFAULT 'EUR';
COMMENT ON COLUMN products.currency IS 'ISO 4217 code of price';
COMMIT;
