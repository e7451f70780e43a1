-- The schema extension %(name)s is created in (no row when it is not created here).
SELECT n.nspname AS schema
FROM pg_extension e
JOIN pg_namespace n ON n.oid = e.extnamespace
WHERE e.extname = %(name)s
