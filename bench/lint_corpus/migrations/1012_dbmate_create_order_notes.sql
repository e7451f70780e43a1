-- migrate:up
create table order_notes (
  id bigint generated always as identity primary key,
  order_id bigint not null references orders (id) on delete cascade,
  author text not null,
  body text not null,
  created_at timestamptz not null default now()
);
create index order_notes_order_id_idx on order_notes (order_id);

-- migrate:down
