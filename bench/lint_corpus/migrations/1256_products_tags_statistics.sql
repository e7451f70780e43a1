-- Better estimates for tag filters.
ALTER TABLE products ALTER COLUMN tags SET STATISTICS 1000;
ANALYZE products (tags);
