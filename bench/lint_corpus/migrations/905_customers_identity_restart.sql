-- New ids start above the legacy CRM's range.
ALTER TABLE customers ALTER COLUMN id RESTART WITH 50000000;
