-- php artisan migrate --pretend
-- 2026_11_08_091200_add_email_index_to_customers_table: create index "customers_email_index" on "customers" ("email")
create index "customers_email_index" on "customers" ("email");
