-- Laravel: 2026_11_06_101010_add_phone_to_customers_table (php artisan migrate --pretend)
alter table "customers" add column "phone" varchar(255) null;
create index "customers_phone_index" on "customers" ("phone");
