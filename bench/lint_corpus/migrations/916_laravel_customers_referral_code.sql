-- php artisan migrate --pretend: 2026_11_06_130000_add_referral_code_to_customers_table
alter table "customers" add column "referral_code" varchar(255) null;
create index "customers_referral_code_index" on "customers" ("referral_code");
