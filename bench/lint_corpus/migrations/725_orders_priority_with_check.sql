-- Priority for the fulfilment queue, 0 (normal) to 9 (urgent).
ALTER TABLE orders ADD COLUMN priority smallint NOT NULL DEFAULT 0
    CONSTRAINT orders_priority_range CHECK (priority BETWEEN 0 AND 9);
