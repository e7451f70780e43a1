-- Shipments get their own table; returns became a state after the first review.
CREATE TYPE shipment_state AS ENUM ('pending', 'in_transit', 'delivered');

CREATE TABLE shipments (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id    bigint NOT NULL REFERENCES orders (id),
    state       shipment_state NOT NULL DEFAULT 'pending',
    carrier     text,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX shipments_order_id_idx ON shipments (order_id);

ALTER TYPE shipment_state ADD VALUE IF NOT EXISTS 'returned' AFTER 'delivered';
