-- VIP status was a free-text note; make it a flag.
alter table customers add column is_vip boolean not null default false;
update customers set is_vip = true where notes = 'vip';
