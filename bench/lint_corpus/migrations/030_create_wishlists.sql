CREATE TABLE wishlists (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES customers (id),
    product_id integer NOT NULL REFERENCES products (id),
    added_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX wishlists_customer_idx ON wishlists (customer_id);
CREATE UNIQUE INDEX wishlists_customer_product_key ON wishlists (customer_id, product_id);
