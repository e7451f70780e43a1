-- The extensions this server ships (created or not).
SELECT name FROM pg_available_extensions
