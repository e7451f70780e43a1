-- 2026_11_09_100000_add_customer_foreign_to_sessions_table
alter table "sessions" add constraint "sessions_customer_id_foreign" foreign key ("customer_id") references "customers" ("id") on delete cascade;
