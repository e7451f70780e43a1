-- Every index outside the system schemas with what reindex decides from: validity, whether its
-- name marks a leftover of a cancelled REINDEX CONCURRENTLY (_ccnew/_ccold), size, access method,
-- the inputs of pgwarden's btree size estimate (index tuples, average key width from pg_stats over
-- its plain columns, columns without statistics, fillfactor, block size), how fresh the table's
-- statistics are, whether a CREATE INDEX/REINDEX is in progress on the table right now, the
-- tablespace, and whether the current role may reindex it (owner or member of the owner's role).
SELECT ci.oid::bigint AS oid, n.nspname AS schema, ci.relname AS name,
       nt.nspname AS table_schema, ct.relname AS table_name,
       x.indisvalid AS valid, x.indisready AS ready, x.indisunique AS is_unique,
       ci.relname ~ '_cc(new|old)[0-9]*$' AS leftover_name,
       am.amname AS access_method,
       ci.relpages::bigint * current_setting('block_size')::int AS size_bytes,  -- as of the last VACUUM/ANALYZE; takes no lock
       current_setting('block_size')::int AS block_size,
       greatest(ci.reltuples, 0)::float8 AS index_tuples,
       x.indexprs IS NOT NULL AS has_expressions,
       (SELECT coalesce(sum(s.avg_width), 0) FROM pg_attribute a
          JOIN pg_stats s ON s.schemaname = nt.nspname AND s.tablename = ct.relname
                         AND s.attname = a.attname
         WHERE a.attrelid = ct.oid AND a.attnum = ANY (x.indkey::int2[]) AND a.attnum > 0
       )::int AS key_width,
       (SELECT count(*) FROM pg_attribute a
         WHERE a.attrelid = ct.oid AND a.attnum = ANY (x.indkey::int2[]) AND a.attnum > 0
           AND NOT EXISTS (SELECT 1 FROM pg_stats s WHERE s.schemaname = nt.nspname
                             AND s.tablename = ct.relname AND s.attname = a.attname)
       )::int AS columns_without_stats,
       coalesce((SELECT split_part(o, '=', 2)::int FROM unnest(ci.reloptions) o
                  WHERE o LIKE 'fillfactor=%%'), 90) AS fillfactor,
       greatest(st.last_analyze, st.last_autoanalyze) AS last_analyze,
       extract(epoch FROM now() - greatest(st.last_analyze, st.last_autoanalyze))::float8
           AS analyze_age_s,
       coalesce(st.n_mod_since_analyze, 0) AS n_mod_since_analyze,
       greatest(ct.reltuples, 0)::float8 AS table_tuples,
       (SELECT min(p.pid) FROM pg_stat_progress_create_index p WHERE p.relid = ct.oid) AS build_pid,
       ci.reltablespace::bigint AS tablespace,
       pg_has_role(ct.relowner, 'USAGE') AS can_maintain,
       pg_get_userbyid(ct.relowner) AS owner
FROM pg_index x
JOIN pg_class ci ON ci.oid = x.indexrelid
JOIN pg_namespace n ON n.oid = ci.relnamespace
JOIN pg_class ct ON ct.oid = x.indrelid
JOIN pg_namespace nt ON nt.oid = ct.relnamespace
JOIN pg_am am ON am.oid = ci.relam
LEFT JOIN pg_stat_all_tables st ON st.relid = ct.oid
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
  AND n.nspname !~ '^pg_toast'
ORDER BY n.nspname, ci.relname
