-- Customers can keep several shipping addresses.
CREATE TABLE customer_addresses (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    label       text,
    line1       text NOT NULL,
    line2       text,
    city        text NOT NULL,
    postal_code text,
    country     char(2) NOT NULL,
    is_default  boolean NOT NULL DEFAULT false,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX customer_addresses_customer_idx ON customer_addresses (customer_id);
CREATE UNIQUE INDEX customer_addresses_one_default
    ON customer_addresses (customer_id) WHERE is_default;
