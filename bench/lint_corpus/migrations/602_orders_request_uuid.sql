-- Every order gets a stable public identifier for the new checkout API.
-- Default generated server-side so the app doesn't have to send it.
ALTER TABLE orders ADD COLUMN public_id uuid NOT NULL DEFAULT gen_random_uuid();
CREATE UNIQUE INDEX CONCURRENTLY orders_public_id_key ON orders (public_id);
