ALTER TABLE orders ADD COLUMN priority smallint NOT NULL DEFAULT 0;
ALTER TABLE orders ADD CONSTRAINT orders_priority_range CHECK (priority BETWEEN 0 AND 9) NOT VALID;
