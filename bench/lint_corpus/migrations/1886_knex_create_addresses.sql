create table "addresses" ("id" serial primary key, "customer_id" bigint not null, "line1" varchar(255) not null, "line2" varchar(255), "city" varchar(255) not null, "postcode" varchar(16), "country" char(2) not null, "created_at" timestamptz not null default CURRENT_TIMESTAMP);
alter table "addresses" add constraint "addresses_customer_id_foreign" foreign key ("customer_id") references "customers" ("id") on delete CASCADE;
create index "addresses_customer_id_index" on "addresses" ("customer_id");
