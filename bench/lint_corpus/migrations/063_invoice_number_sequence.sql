CREATE SEQUENCE invoice_number_seq START 100000;
ALTER TABLE orders ADD COLUMN invoice_number bigint;
ALTER TABLE orders ALTER COLUMN invoice_number SET DEFAULT nextval('invoice_number_seq');
