-- The size of every user table, materialized view and partitioned table, as the planner would
-- estimate it now: schema, table, whether it is a partition, whether it is partitioned, whether
-- it is UNLOGGED (relpersistence 'u': SET LOGGED rewrites it, SET UNLOGGED does nothing), pages (pg_relation_size of the
-- main fork in blocks; for a partitioned table the sum over its leaf partitions) and rows
-- (reltuples scaled from relpages to the current pages; NULL when never vacuumed or analyzed).
-- The linter reads it with --dsn to tell a table too small to matter from a big one.
WITH rel AS (
    SELECT c.oid, n.nspname, c.relname, c.relkind, c.relispartition, c.relpersistence,
           pg_catalog.pg_relation_size(c.oid)
               / pg_catalog.current_setting('block_size')::bigint AS pages,
           c.reltuples, c.relpages
    FROM pg_catalog.pg_class c
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p', 'm')
      AND n.nspname NOT IN ('pg_catalog', 'information_schema')
      AND n.nspname NOT LIKE 'pg\_toast%'
), sized AS (
    SELECT oid, pages,
           CASE WHEN reltuples < 0 THEN NULL
                WHEN relpages = 0 THEN CASE WHEN pages = 0 THEN 0 END
                ELSE reltuples / relpages * pages END AS rows
    FROM rel
)
SELECT r.nspname AS schema, r.relname AS "table", r.relispartition AS partition,
       r.relkind = 'p' AS partitioned, r.relpersistence = 'u' AS unlogged,
       CASE WHEN r.relkind = 'p' THEN
                (SELECT sum(s.pages) FROM pg_catalog.pg_partition_tree(r.oid) t
                 JOIN sized s ON s.oid = t.relid WHERE t.isleaf)
            ELSE (SELECT s.pages FROM sized s WHERE s.oid = r.oid) END::float8 AS pages,
       CASE WHEN r.relkind = 'p' THEN
                (SELECT CASE WHEN bool_and(s.rows IS NOT NULL) THEN sum(s.rows) END
                 FROM pg_catalog.pg_partition_tree(r.oid) t
                 JOIN sized s ON s.oid = t.relid WHERE t.isleaf)
            ELSE (SELECT s.rows FROM sized s WHERE s.oid = r.oid) END::float8 AS rows
FROM rel r
ORDER BY 1, 2
