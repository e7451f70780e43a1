-- discontinued: NULL meant false. Clean up and tighten.
-- products holds a few thousand rows, so the scans below are short.
set lock_timeout = '3s';
update products set discontinued = false where discontinued is null;
alter table products alter column discontinued set not null;
