-- Bad estimates for status = 'new'; more statistics and a fresh ANALYZE.
ALTER TABLE orders ALTER COLUMN status SET STATISTICS 1000;
ANALYZE orders (status);
