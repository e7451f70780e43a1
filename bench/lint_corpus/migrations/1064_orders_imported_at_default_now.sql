ALTER TABLE orders ADD COLUMN imported_at timestamptz NOT NULL DEFAULT now();
