-- Exact row count of each named table in the current schema search path (table, exists, row_count);
-- row_count is NULL for a table that does not exist.
SELECT t AS table_name, to_regclass(t) IS NOT NULL AS present,
       CASE WHEN to_regclass(t) IS NOT NULL THEN
           (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %%I', t), false, true, '')))[1]
               ::text::bigint END AS row_count
FROM unnest(%(tables)s::text[]) WITH ORDINALITY AS u(t, ord)
ORDER BY ord;
