ALTER TABLE orders
    ADD COLUMN discount numeric(12,2) DEFAULT 0,
    ADD CONSTRAINT orders_discount_nonneg CHECK (discount >= 0);
