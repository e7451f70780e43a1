-- What a migration's session starts with: the server's version number and the TimeZone a new
-- session of this role gets (PostgreSQL 12+ changes timestamp <-> timestamptz without a
-- rewrite only under a zero-offset zone such as UTC).
SELECT pg_catalog.current_setting('server_version_num')::int AS server_version,
       pg_catalog.current_setting('TimeZone') AS timezone
