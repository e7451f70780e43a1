-- Session outcomes per database: not available before PostgreSQL 14 (returns no rows).
-- Returns: datname, sessions_fatal, sessions_killed, sessions_abandoned.
SELECT NULL::text AS datname, NULL::bigint AS sessions_fatal, NULL::bigint AS sessions_killed,
       NULL::bigint AS sessions_abandoned
WHERE false
