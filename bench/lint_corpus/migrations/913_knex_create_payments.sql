-- knex migrate:latest --debug, 20261106_create_payments.js
create table "payments" ("id" bigserial primary key, "order_id" bigint not null, "amount" decimal(12, 2) not null, "provider" varchar(255) not null, "created_at" timestamptz not null default CURRENT_TIMESTAMP);
alter table "payments" add constraint "payments_order_id_foreign" foreign key ("order_id") references "orders" ("id") on delete cascade;
create index "payments_order_id_index" on "payments" ("order_id");
