-- Expose orders in the public API by an opaque id instead of the sequential one.
ALTER TABLE orders ADD COLUMN public_id uuid NOT NULL DEFAULT gen_random_uuid();
CREATE UNIQUE INDEX CONCURRENTLY orders_public_id_key ON orders (public_id);
