-- php artisan migrate --pretend: 2026_11_06_120000_add_soft_deletes_to_orders_table
alter table "orders" add column "deleted_at" timestamp(0) without time zone null;
