create table "newsletter_subscriptions" ("id" serial primary key, "customer_id" bigint not null, "list" varchar(255) not null, "created_at" timestamptz not null default CURRENT_TIMESTAMP, "updated_at" timestamptz not null default CURRENT_TIMESTAMP);
alter table "newsletter_subscriptions" add constraint "newsletter_subscriptions_customer_id_foreign" foreign key ("customer_id") references "customers" ("id");
alter table "newsletter_subscriptions" add constraint "newsletter_subscriptions_customer_id_list_unique" unique ("customer_id", "list");
