-- Human-friendly invoice numbers: nullable column, sequence default for new orders only.
CREATE SEQUENCE IF NOT EXISTS orders_invoice_no_seq;
ALTER TABLE orders ADD COLUMN invoice_no bigint;
ALTER TABLE orders ALTER COLUMN invoice_no SET DEFAULT nextval('orders_invoice_no_seq');
ALTER SEQUENCE orders_invoice_no_seq OWNED BY orders.invoice_no;
