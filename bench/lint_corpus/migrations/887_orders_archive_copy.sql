CREATE TABLE orders_archive (LIKE orders INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
INSERT INTO orders_archive
SELECT * FROM orders WHERE created_at < now() - interval '600 days';
CREATE INDEX orders_archive_created_at_idx ON orders_archive (created_at);
