CREATE UNLOGGED TABLE IF NOT EXISTS product_view_counts (
    product_id integer PRIMARY KEY REFERENCES products (id),
    views bigint NOT NULL DEFAULT 0,
    updated_at timestamptz NOT NULL DEFAULT now()
);
