-- Payment methods table with an enum; BLIK is added as its own step for older servers' sake.
CREATE TYPE payment_method AS ENUM ('card', 'transfer', 'paypal');
CREATE TABLE payments (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id bigint NOT NULL REFERENCES orders (id),
    method payment_method NOT NULL,
    amount numeric(12,2) NOT NULL,
    paid_at timestamptz NOT NULL DEFAULT now()
);
ALTER TYPE payment_method ADD VALUE IF NOT EXISTS 'blik';
