-- Public order ids for the tracking page, so internal ids are not exposed.
ALTER TABLE orders ADD COLUMN public_id uuid DEFAULT gen_random_uuid();
