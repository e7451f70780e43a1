-- Re-read the configuration files (full_page_writes is a reload-time setting).
SELECT pg_reload_conf()
