ALTER TABLE customers
    ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
