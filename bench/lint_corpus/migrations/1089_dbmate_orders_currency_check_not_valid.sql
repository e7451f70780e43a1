-- migrate:up
alter table orders add constraint orders_currency_known check (currency in ('EUR', 'PLN', 'GBP', 'USD')) not valid;

-- migrate:down
