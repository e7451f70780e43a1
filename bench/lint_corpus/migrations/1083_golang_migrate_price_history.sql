-- 000043_price_history.up.sql
CREATE TABLE IF NOT EXISTS price_history (
    product_id integer NOT NULL,
    valid_from timestamptz NOT NULL,
    price numeric(10,2) NOT NULL,
    PRIMARY KEY (product_id, valid_from)
);
CREATE INDEX IF NOT EXISTS price_history_valid_from_idx ON price_history (valid_from);
