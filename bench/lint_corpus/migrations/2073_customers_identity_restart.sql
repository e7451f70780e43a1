-- Leave room below 10M for ids imported from the legacy shop.
ALTER TABLE customers ALTER COLUMN id RESTART WITH 10000000;
