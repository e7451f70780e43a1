-- New orders get a placeholder created_at from the DB clock; existing rows untouched.
ALTER TABLE orders ALTER COLUMN created_at SET DEFAULT clock_timestamp();
