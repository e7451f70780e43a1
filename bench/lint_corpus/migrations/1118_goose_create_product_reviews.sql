-- +goose Up
CREATE TABLE product_reviews (
    id          BIGSERIAL PRIMARY KEY,
    product_id  INTEGER NOT NULL REFERENCES products (id),
    customer_id BIGINT NOT NULL REFERENCES customers (id),
    rating      SMALLINT NOT NULL CHECK (rating BETWEEN 1 AND 5),
    body        TEXT,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX product_reviews_product_id_idx ON product_reviews (product_id);

-- +goose Down
