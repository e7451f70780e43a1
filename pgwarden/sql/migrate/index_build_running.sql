-- A CREATE INDEX [CONCURRENTLY] still running for index %(oid)s (or, before the index exists
-- in the catalog, on table %(table_oid)s) in another session: the orphan of a killed client
-- keeps building on the server. pid, command, phase, progress and how long it has run.
SELECT p.pid, p.command, p.phase, p.blocks_done, p.blocks_total,
       extract(epoch FROM now() - a.query_start)::float8 AS running_s
FROM pg_stat_progress_create_index p
LEFT JOIN pg_stat_activity a ON a.pid = p.pid
WHERE p.pid <> pg_backend_pid()
  AND (p.index_relid = %(oid)s OR (p.index_relid = 0 AND p.relid = %(table_oid)s))
ORDER BY p.pid
LIMIT 1
