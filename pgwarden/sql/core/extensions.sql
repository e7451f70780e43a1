-- Extensions this server can install: name, default_version, installed_version (NULL when the
-- extension is available but not created in the current database).
SELECT name, default_version, installed_version
FROM pg_available_extensions
ORDER BY name
