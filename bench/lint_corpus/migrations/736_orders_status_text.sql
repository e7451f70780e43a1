-- status no longer needs a length limit.
SET lock_timeout = '2s';
ALTER TABLE orders ALTER COLUMN status TYPE text;
