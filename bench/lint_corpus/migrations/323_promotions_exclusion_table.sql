-- Promotions: at most one active promotion per product at any time.
CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE promotions (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    product_id integer NOT NULL REFERENCES products (id),
    discount_pct numeric(5,2) NOT NULL CHECK (discount_pct > 0 AND discount_pct < 100),
    active_during tstzrange NOT NULL,
    EXCLUDE USING gist (product_id WITH =, active_during WITH &&)
);
