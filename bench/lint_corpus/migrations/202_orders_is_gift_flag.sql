-- Gift wrapping option at checkout (default false for every existing order).
ALTER TABLE orders
    ADD COLUMN is_gift boolean NOT NULL DEFAULT false;
