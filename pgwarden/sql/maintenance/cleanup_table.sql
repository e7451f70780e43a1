-- Resolves a cleanup policy's table %(table)s: its oid, schema, name, whether the time column
-- %(time_column)s exists (and its type), the single-column primary key (NULL when none or composite),
-- the number of heap pages and the estimated tuples per page. No row when the table is missing.
SELECT c.oid, n.nspname AS schema, c.relname AS name,
       (SELECT format_type(a.atttypid, a.atttypmod) FROM pg_attribute a
         WHERE a.attrelid = c.oid AND a.attname = %(time_column)s AND a.attnum > 0
           AND NOT a.attisdropped) AS time_type,
       (SELECT a.attname FROM pg_index i
          JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
         WHERE i.indrelid = c.oid AND i.indisprimary AND i.indnatts = 1) AS pk,
       c.relpages AS pages,
       CASE WHEN c.relpages > 0 AND c.reltuples > 0 THEN c.reltuples / c.relpages ELSE NULL END
           AS tuples_per_page
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.oid = to_regclass(%(table)s) AND c.relkind IN ('r', 'p')
