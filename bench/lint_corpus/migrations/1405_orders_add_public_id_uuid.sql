-- Give every order a public UUID so order links no longer expose sequential ids.
ALTER TABLE orders ADD COLUMN public_id uuid NOT NULL DEFAULT gen_random_uuid();
