alter table customers
    add constraint customers_status_known
    check (status in ('active', 'suspended', 'closed')) not valid;

alter table customers validate constraint customers_status_known;
