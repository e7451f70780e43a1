-- Copy orders older than 18 months into the archive table used by the reports service.
CREATE TABLE IF NOT EXISTS orders_archive (LIKE orders INCLUDING ALL);
INSERT INTO orders_archive SELECT * FROM orders WHERE created_at < now() - interval '18 months';
