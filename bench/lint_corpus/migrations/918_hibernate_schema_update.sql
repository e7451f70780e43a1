-- hibernate.hbm2ddl.auto=update, statements captured from the log
alter table if exists orders add column tracking_number varchar(255);
alter table if exists orders add column carrier varchar(255);
create sequence if not exists shipment_label_seq start with 1 increment by 50;
