-- orders.last_refund_id -> refunds.id, new nullable column with its FK in one statement.
CREATE TABLE IF NOT EXISTS refunds (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id bigint NOT NULL,
    amount numeric(12,2) NOT NULL
);
ALTER TABLE orders ADD COLUMN last_refund_id bigint REFERENCES refunds (id);
