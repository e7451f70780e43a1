-- The BI tool mishandles timestamptz; store naive UTC timestamps.
SET lock_timeout = '1s';
ALTER TABLE customers ALTER COLUMN created_at TYPE timestamp;
