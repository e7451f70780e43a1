-- Deploy shop:loyalty_accounts to pg
-- requires: customers

BEGIN;

CREATE TABLE loyalty_accounts (
    customer_id bigint PRIMARY KEY REFERENCES customers (id) ON DELETE CASCADE,
    points      integer NOT NULL DEFAULT 0 CHECK (points >= 0),
    tier        text NOT NULL DEFAULT 'bronze',
    updated_at  timestamptz NOT NULL DEFAULT now()
);

COMMIT;
