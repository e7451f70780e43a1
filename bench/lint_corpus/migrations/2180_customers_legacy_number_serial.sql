-- The ERP wants a short sequential customer number.
ALTER TABLE customers ADD COLUMN legacy_no serial;
