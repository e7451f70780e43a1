-- knex: table.string('coupon', 64).alter()
alter table "orders" alter column "coupon" drop default;
alter table "orders" alter column "coupon" drop not null;
alter table "orders" alter column "coupon" type varchar(64) using ("coupon"::varchar(64));
