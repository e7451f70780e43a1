-- Expose orders to the partner API under an opaque id instead of the sequential one.
alter table orders add column public_id uuid not null default gen_random_uuid();

-- down:
-- alter table orders drop column public_id;
