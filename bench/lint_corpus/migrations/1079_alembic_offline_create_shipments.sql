BEGIN;

-- Running upgrade 8d2e44b1a9c3 -> c71f0a3e5b22

CREATE TABLE shipments (
    id BIGSERIAL NOT NULL, 
    order_id BIGINT NOT NULL, 
    carrier VARCHAR(40) NOT NULL, 
    tracking_no VARCHAR(80), 
    shipped_at TIMESTAMP WITHOUT TIME ZONE, 
    PRIMARY KEY (id), 
    FOREIGN KEY(order_id) REFERENCES orders (id)
);

CREATE INDEX ix_shipments_order_id ON shipments (order_id);

COMMIT;

