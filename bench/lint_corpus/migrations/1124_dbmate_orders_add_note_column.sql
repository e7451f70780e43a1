-- migrate:up
alter table orders add column customer_note text;
alter table orders add column gift_message varchar(500);

-- migrate:down
