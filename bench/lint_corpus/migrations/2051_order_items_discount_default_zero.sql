ALTER TABLE order_items ADD COLUMN discount numeric(10,2) NOT NULL DEFAULT 0;
