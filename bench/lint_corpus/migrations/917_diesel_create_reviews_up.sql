-- migrations/2026-11-06-140000_create_reviews/up.sql
CREATE TABLE reviews (
    id SERIAL PRIMARY KEY,
    product_id INTEGER NOT NULL REFERENCES products (id),
    customer_id BIGINT NOT NULL REFERENCES customers (id),
    rating SMALLINT NOT NULL CHECK (rating BETWEEN 1 AND 5),
    body TEXT,
    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX reviews_product_id_idx ON reviews (product_id);
