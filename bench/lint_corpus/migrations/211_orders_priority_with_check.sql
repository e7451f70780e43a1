-- Fulfilment priority 0 (lowest) .. 9 (highest).
ALTER TABLE orders
    ADD COLUMN priority smallint NOT NULL DEFAULT 0
        CONSTRAINT orders_priority_range CHECK (priority BETWEEN 0 AND 9);
