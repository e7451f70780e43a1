ALTER TABLE customers ALTER COLUMN full_name TYPE text COLLATE "C";
