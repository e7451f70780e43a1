-- Public, unguessable customer reference for the new API.
ALTER TABLE customers ADD COLUMN public_ref uuid NOT NULL DEFAULT gen_random_uuid();
