alter table "orders" add column "carrier_notes" text;
create index "orders_shipped_at_index" on "orders" ("shipped_at");
