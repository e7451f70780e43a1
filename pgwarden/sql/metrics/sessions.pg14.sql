-- Session outcomes per database since the statistics reset (PostgreSQL 14+).
-- Returns: datname, sessions_fatal, sessions_killed, sessions_abandoned.
SELECT d.datname::text AS datname, d.sessions_fatal, d.sessions_killed, d.sessions_abandoned
FROM pg_stat_database d
WHERE d.datname IS NOT NULL
ORDER BY 1
