-- Let the database generate session tokens; the app stops generating them in 5.2.
ALTER TABLE sessions ALTER COLUMN token SET DEFAULT gen_random_uuid();
ALTER TABLE sessions ALTER COLUMN expires_at SET DEFAULT now() + interval '30 days';
