CREATE SEQUENCE IF NOT EXISTS invoice_number_seq START WITH 100000 INCREMENT BY 1 CACHE 20;
ALTER TABLE orders ADD COLUMN invoice_number bigint;
ALTER TABLE orders ALTER COLUMN invoice_number SET DEFAULT nextval('invoice_number_seq');
ALTER SEQUENCE invoice_number_seq OWNED BY orders.invoice_number;
