ALTER TABLE customers ALTER COLUMN status SET DEFAULT 'pending';
