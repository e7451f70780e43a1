-- Every order gets an opaque public reference for the tracking page.
CREATE EXTENSION IF NOT EXISTS pgcrypto;

ALTER TABLE public.orders
    ADD COLUMN external_ref uuid NOT NULL DEFAULT gen_random_uuid();
