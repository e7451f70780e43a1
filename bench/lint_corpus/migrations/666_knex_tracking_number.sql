-- knex migration 20261105_add_tracking_number.js (knex migrate:latest --debug)
alter table "orders" add column "tracking_number" varchar(255);
create index "orders_tracking_number_index" on "orders" ("tracking_number");
