CREATE TYPE refund_state AS ENUM ('requested', 'approved', 'paid');
ALTER TYPE refund_state ADD VALUE 'rejected';
CREATE TABLE refunds (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id bigint NOT NULL REFERENCES orders (id),
    state refund_state NOT NULL DEFAULT 'requested',
    amount numeric(12,2) NOT NULL
);
