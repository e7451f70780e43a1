-- Region is required for the new tax engine.
ALTER TABLE orders ADD COLUMN region text NOT NULL;
