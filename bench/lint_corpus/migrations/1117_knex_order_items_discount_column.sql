alter table "order_items" add column "discount" numeric(10, 2) null default 0;
