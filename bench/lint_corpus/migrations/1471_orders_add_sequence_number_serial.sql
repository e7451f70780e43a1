-- Human-friendly running invoice numbers for orders.
ALTER TABLE orders ADD COLUMN invoice_no serial;
