-- PostgreSQL 17+ variant: the MAINTAIN privilege decides who may vacuum, analyze, refresh, reindex.
-- modifications since the last analyze, transaction ID and multixact age, and whether the
-- current role may vacuum them (owner, or superuser; PostgreSQL 17+: the MAINTAIN privilege).
SELECT n.nspname AS schema, c.relname AS name, c.reltuples::float8 AS reltuples,
       coalesce(s.n_live_tup, 0) AS n_live_tup, coalesce(s.n_dead_tup, 0) AS n_dead_tup,
       coalesce(s.n_mod_since_analyze, 0) AS n_mod_since_analyze,
       age(c.relfrozenxid) AS xid_age, mxid_age(c.relminmxid) AS mxid_age,
       greatest(s.last_analyze, s.last_autoanalyze) AS last_analyze,
       greatest(s.last_vacuum, s.last_autovacuum) AS last_vacuum,
       c.relpages::bigint * current_setting('block_size')::int AS size_bytes,  -- no lock taken
       has_table_privilege(c.oid, 'MAINTAIN') AS can_maintain,
       pg_get_userbyid(c.relowner) AS owner
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_stat_all_tables s ON s.relid = c.oid
WHERE c.relkind IN ('r', 'm')
  AND c.relpersistence <> 't'
  AND n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname !~ '^pg_toast'
ORDER BY age(c.relfrozenxid) DESC, n.nspname, c.relname
