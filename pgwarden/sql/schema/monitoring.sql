-- Revision 0005 (up): the monitoring schema: index usage, table and index bloat estimates,
-- a connection summary and long-running queries (PostgreSQL 13+ catalogs). The slow-query
-- view over pg_stat_statements comes from monitoring_slow_queries[.pgNN].sql. Views run with
-- their owner's rights, so only pg_monitor (which sees all of this anyway) may read them.

CREATE SCHEMA IF NOT EXISTS monitoring;

-- Every user index: scans, size, and whether it is unique, valid, or never used.
CREATE OR REPLACE VIEW monitoring.index_usage AS
SELECT s.schemaname::text AS schema,
       s.relname::text AS table,
       s.indexrelname::text AS index,
       s.idx_scan AS scans,
       s.idx_tup_read AS tuples_read,
       s.idx_tup_fetch AS tuples_fetched,
       pg_relation_size(s.indexrelid) AS index_bytes,
       i.indisunique AS is_unique,
       i.indisvalid AS is_valid,
       (s.idx_scan = 0 AND NOT i.indisunique) AS unused
FROM pg_stat_user_indexes s
JOIN pg_index i ON i.indexrelid = s.indexrelid;

-- Table bloat estimate from planner statistics (needs ANALYZE; NULL before): the pages the
-- live rows would need (24-byte tuple header, MAXALIGNed average width, 4-byte line pointer,
-- fillfactor) against the pages the table has.
CREATE OR REPLACE VIEW monitoring.table_bloat AS
WITH t AS (
    SELECT c.oid, n.nspname AS schema, c.relname AS table, c.reltuples, c.relpages,
           current_setting('block_size')::integer AS block_size,
           coalesce((SELECT substring(o FROM 'fillfactor=(\d+)')::integer
                     FROM unnest(c.reloptions) AS o WHERE o LIKE 'fillfactor=%'), 100) AS fillfactor,
           (SELECT sum((1 - s.null_frac) * s.avg_width)
              FROM pg_stats s
             WHERE s.schemaname = n.nspname AND s.tablename = c.relname) AS data_width
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'm')
      AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
), e AS (
    SELECT t.*,
           CASE WHEN t.reltuples < 0 OR t.data_width IS NULL THEN NULL
                ELSE ceil(t.reltuples * (24 + 8 * ceil(t.data_width / 8) + 4)
                          / ((t.block_size - 24) * t.fillfactor / 100.0))::bigint END AS expected_pages
    FROM t
)
SELECT schema::text, "table"::text,
       relpages::bigint * block_size AS table_bytes,
       expected_pages::bigint,
       CASE WHEN expected_pages IS NULL THEN NULL
            ELSE greatest(relpages - expected_pages, 0)::bigint * block_size END AS bloat_bytes,
       CASE WHEN expected_pages IS NULL OR relpages = 0 THEN NULL
            ELSE round(100.0 * greatest(relpages - expected_pages, 0) / relpages, 1) END AS bloat_pct
FROM e;

-- B-tree bloat estimate: leaf pages the keys need (8-byte index tuple header, MAXALIGNed key
-- width from the columns' statistics, 4-byte line pointer, 16-byte special space, the
-- index's fillfactor, default 90) against its pages. Expression indexes: NULL.
CREATE OR REPLACE VIEW monitoring.index_bloat AS
WITH i AS (
    SELECT ic.oid, n.nspname AS schema, tc.relname AS table, ic.relname AS index,
           ic.reltuples, ic.relpages,
           current_setting('block_size')::integer AS block_size,
           coalesce((SELECT substring(o FROM 'fillfactor=(\d+)')::integer
                     FROM unnest(ic.reloptions) AS o WHERE o LIKE 'fillfactor=%'), 90) AS fillfactor,
           (SELECT CASE WHEN count(*) = count(s.avg_width) THEN sum((1 - s.null_frac) * s.avg_width) END
              FROM unnest(x.indkey::smallint[]) AS k(attnum)
              LEFT JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum
              LEFT JOIN pg_stats s ON s.schemaname = n.nspname AND s.tablename = tc.relname
                                  AND s.attname = a.attname) AS key_width
    FROM pg_index x
    JOIN pg_class ic ON ic.oid = x.indexrelid
    JOIN pg_class tc ON tc.oid = x.indrelid
    JOIN pg_namespace n ON n.oid = ic.relnamespace
    JOIN pg_am am ON am.oid = ic.relam
    WHERE am.amname = 'btree'
      AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
), e AS (
    SELECT i.*,
           CASE WHEN i.reltuples < 0 OR i.key_width IS NULL THEN NULL
                ELSE ceil(i.reltuples * (8 + 8 * ceil(i.key_width / 8) + 4)
                          / ((i.block_size - 24 - 16) * i.fillfactor / 100.0))::bigint + 1 END AS expected_pages
    FROM i
)
SELECT schema::text, "table"::text, index::text,
       relpages::bigint * block_size AS index_bytes,
       expected_pages::bigint,
       CASE WHEN expected_pages IS NULL THEN NULL
            ELSE greatest(relpages - expected_pages, 0)::bigint * block_size END AS bloat_bytes,
       CASE WHEN expected_pages IS NULL OR relpages = 0 THEN NULL
            ELSE round(100.0 * greatest(relpages - expected_pages, 0) / relpages, 1) END AS bloat_pct
FROM e;

-- Client connections grouped by database, user, application, state and wait type.
CREATE OR REPLACE VIEW monitoring.connection_summary AS
SELECT datname::text AS database,
       usename::text AS "user",
       application_name,
       coalesce(state, 'unknown') AS state,
       wait_event_type,
       count(*)::integer AS connections,
       max(now() - xact_start) AS oldest_transaction,
       max(now() - state_change) FILTER (WHERE state LIKE 'idle in transaction%')
           AS longest_idle_in_transaction
FROM pg_stat_activity
WHERE backend_type = 'client backend'
GROUP BY 1, 2, 3, 4, 5;

-- Statements running (or sessions idle in a transaction) for at least min_duration.
CREATE OR REPLACE FUNCTION monitoring.long_running_queries(min_duration interval DEFAULT '1 minute')
RETURNS TABLE (pid integer, "user" text, application_name text, state text,
               duration interval, wait_event_type text, wait_event text, query text)
LANGUAGE sql STABLE
AS $fn$
    SELECT a.pid, a.usename::text, a.application_name, a.state,
           now() - coalesce(a.query_start, a.xact_start), a.wait_event_type, a.wait_event,
           left(a.query, 1000)
    FROM pg_stat_activity a
    WHERE a.backend_type = 'client backend'
      AND a.pid <> pg_backend_pid()
      AND a.state <> 'idle'
      AND now() - coalesce(a.query_start, a.xact_start) >= min_duration
    ORDER BY 5 DESC
$fn$;

REVOKE ALL ON ALL TABLES IN SCHEMA monitoring FROM PUBLIC;
REVOKE ALL ON FUNCTION monitoring.long_running_queries(interval) FROM PUBLIC;
GRANT USAGE ON SCHEMA monitoring TO pg_monitor;
GRANT SELECT ON ALL TABLES IN SCHEMA monitoring TO pg_monitor;
GRANT EXECUTE ON FUNCTION monitoring.long_running_queries(interval) TO pg_monitor;
