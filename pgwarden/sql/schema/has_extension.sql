-- Whether extension %(name)s is installed in this database (true/false).
SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = %(name)s) AS present
