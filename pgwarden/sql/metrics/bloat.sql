-- Table bloat estimated from planner statistics (no table scan): expected pages from
-- reltuples and pg_stats' average row width versus the pages the table has. Confidence is
-- 'medium' when every column has statistics and the table was analyzed, 'low' when some
-- column lacks them (or the table is tiny); tables never analyzed, or whose columns this
-- role cannot see in pg_stats, are left out. Parameter: top (N by estimated bloat bytes).
-- Returns: schema, table, size_bytes, bloat_bytes, bloat_ratio, confidence.
WITH t AS (
    SELECT n.nspname::text AS schema, c.relname::text AS "table", c.oid, c.relpages, c.reltuples,
           current_setting('block_size')::int AS bs,
           coalesce((SELECT o.option_value::int FROM pg_options_to_table(c.reloptions) o
                     WHERE o.option_name = 'fillfactor'), 100) AS fillfactor,
           (SELECT count(*) FROM pg_attribute a
            WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped) AS ncols
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'm')
      AND n.nspname NOT IN ('pg_catalog', 'information_schema')
      AND n.nspname !~ '^pg_toast'
      AND c.reltuples >= 0
), w AS (
    SELECT t.*, st.nstats, st.row_width
    FROM t
    CROSS JOIN LATERAL (
        SELECT count(*) AS nstats, sum((1 - s.null_frac) * s.avg_width) AS row_width
        FROM pg_stats s
        WHERE s.schemaname = t.schema AND s.tablename = t."table"
          AND s.inherited = false
    ) st
    WHERE st.nstats > 0
), e AS (
    SELECT w.*,
           -- tuple: 24-byte header + data, aligned to 8, plus a 4-byte line pointer
           ceil(w.reltuples * (ceil((24 + w.row_width) / 8.0) * 8 + 4)
                / ((w.bs - 24) * w.fillfactor / 100.0)) AS expected_pages
    FROM w
)
SELECT schema, "table", relpages::bigint * bs AS size_bytes,
       greatest(relpages - expected_pages, 0)::bigint * bs AS bloat_bytes,
       CASE WHEN relpages > 0 THEN greatest(relpages - expected_pages, 0) / relpages::float8
            ELSE 0 END AS bloat_ratio,
       CASE WHEN nstats >= ncols AND relpages >= 10 THEN 'medium' ELSE 'low' END AS confidence
FROM e
ORDER BY bloat_bytes DESC, schema, "table"
LIMIT %(top)s
