-- Per-unit prices of bulk items need sub-cent precision.
alter table order_items alter column unit_price type numeric(12,4);
