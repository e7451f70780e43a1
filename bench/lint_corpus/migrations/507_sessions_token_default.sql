-- Let the database generate session tokens.
ALTER TABLE sessions ALTER COLUMN token SET DEFAULT gen_random_uuid();
