-- Column names of the relations %(names)s (text[], as written in a query: "table" or
-- "schema.table", resolved with search_path); relations that do not exist are left out.
SELECT a.attname AS name
FROM unnest(%(names)s::text[]) AS r(name)
JOIN pg_attribute AS a ON a.attrelid = to_regclass(r.name)
WHERE a.attnum > 0 AND NOT a.attisdropped
