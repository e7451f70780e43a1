ALTER TABLE orders ADD COLUMN external_ref uuid NOT NULL DEFAULT gen_random_uuid();
