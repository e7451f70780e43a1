-- Names are now mandatory at signup; existing rows all have one
SET lock_timeout = '3s';
ALTER TABLE customers ALTER COLUMN full_name SET NOT NULL;
