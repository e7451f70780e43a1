-- Snapshot of shipped orders for the yearly audit.
CREATE TABLE orders_archive_2026 AS
SELECT * FROM orders WHERE status = 'shipped';
ALTER TABLE orders_archive_2026 ADD PRIMARY KEY (id);
