-- Let the database generate session tokens (the app used to call uuid4()).
-- Only affects rows inserted from now on.
ALTER TABLE sessions ALTER COLUMN token SET DEFAULT gen_random_uuid();
