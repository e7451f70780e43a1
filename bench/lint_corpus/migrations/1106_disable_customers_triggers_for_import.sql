ALTER TABLE customers DISABLE TRIGGER USER;
INSERT INTO customers (email, full_name, country) VALUES ('import-check@example.com', 'Import check', 'PL');
ALTER TABLE customers ENABLE TRIGGER USER;
