-- Hibernate schema update (hbm2ddl) output, applied by hand
alter table if exists orders alter column status set not null;
alter table if exists orders alter column customer_id set not null;
alter table if exists order_items alter column quantity set not null;
