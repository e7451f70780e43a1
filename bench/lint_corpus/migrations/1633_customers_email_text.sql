-- Drop the arbitrary 200-character limit on emails
ALTER TABLE customers ALTER COLUMN email TYPE text;
