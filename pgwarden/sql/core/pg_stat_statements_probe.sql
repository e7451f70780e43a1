-- Whether pg_stat_statements answers for this role (asked only when the role cannot read
-- shared_preload_libraries): fails with "pg_stat_statements must be loaded via
-- shared_preload_libraries" when the library is not loaded; else one row, n = 0 or 1.
-- {schema} is the extension's schema (a quoted identifier).
SELECT count(*) AS n FROM (SELECT 1 FROM {schema}.pg_stat_statements LIMIT 1) s
