-- Tables (table_name) among %(tables)s that carry user triggers (not the internal ones behind
-- foreign keys): the seed keeps session_replication_role = origin for these so the triggers
-- (e.g. the workshops search_vector trigger) fire.
SELECT DISTINCT c.relname AS table_name
FROM pg_trigger t
JOIN pg_class c ON c.oid = t.tgrelid
WHERE NOT t.tgisinternal AND t.tgenabled <> 'D' AND c.relname = ANY(%(tables)s::text[])
  AND pg_table_is_visible(c.oid);
