-- Customers get a UI locale. Existing customers keep the shop's historical language.
-- PG11+: a constant default is stored in the catalog, no table rewrite.
ALTER TABLE customers
    ADD COLUMN locale text NOT NULL DEFAULT 'en-US';

COMMENT ON COLUMN customers.locale IS 'BCP 47 tag used for e-mails and the storefront';
