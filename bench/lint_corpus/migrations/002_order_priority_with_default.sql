-- Express orders: priority 0 (normal) .. 2 (express).
ALTER TABLE orders ADD COLUMN priority smallint NOT NULL DEFAULT 0;
