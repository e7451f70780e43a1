-- 2026_12_04_101500_add_soft_deletes_to_customers_table
alter table "customers" add column "deleted_at" timestamp(0) without time zone null;
