-- Rails-style timestamps: customers were created with created_at only.
alter table customers add column updated_at timestamptz not null default now();
