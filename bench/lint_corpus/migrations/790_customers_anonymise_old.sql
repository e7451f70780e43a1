-- GDPR: anonymise customers inactive for more than 900 days.
UPDATE customers
SET email = 'anon-' || id || '@invalid', full_name = NULL, notes = NULL
WHERE created_at < now() - interval '900 days';
