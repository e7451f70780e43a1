-- Deploy shop:coupon_codes to pg
-- requires: orders

BEGIN;

CREATE TABLE coupon_codes (
    code        TEXT        PRIMARY KEY,
    percent_off SMALLINT    NOT NULL CHECK (percent_off BETWEEN 1 AND 90),
    valid_until TIMESTAMPTZ,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp()
);

COMMIT;
