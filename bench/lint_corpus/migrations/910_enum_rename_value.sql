CREATE TYPE shipment_state AS ENUM ('pending', 'in_transit', 'delivered');
CREATE TABLE shipments (
    id bigserial PRIMARY KEY,
    order_id bigint NOT NULL REFERENCES orders (id),
    state shipment_state NOT NULL DEFAULT 'pending'
);
ALTER TYPE shipment_state RENAME VALUE 'in_transit' TO 'shipped';
