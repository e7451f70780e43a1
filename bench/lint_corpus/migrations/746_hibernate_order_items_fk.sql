-- Hibernate hbm2ddl=update output captured from the staging log
alter table if exists customers add column loyalty_points integer;
alter table if exists order_items add constraint FKbioxgbv59vetrxe0ejfubep1w foreign key (product_id) references products;
