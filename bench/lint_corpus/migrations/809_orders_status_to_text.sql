-- varchar(20) was arbitrary; statuses are validated in the app
ALTER TABLE orders ALTER COLUMN status TYPE text;
