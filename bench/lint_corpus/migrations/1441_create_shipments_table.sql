-- Shipments get their own table (golang-migrate 000041_create_shipments.up.sql).
CREATE TABLE IF NOT EXISTS shipments (
    id          bigserial PRIMARY KEY,
    order_id    bigint NOT NULL REFERENCES orders (id),
    carrier     text NOT NULL,
    tracking_no text,
    shipped_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS shipments_order_id_idx ON shipments (order_id);
