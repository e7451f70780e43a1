-- The oid of index %(name)s in schema %(schema)s ('pg_temp' means this session's own).
SELECT c.oid
FROM pg_class c
WHERE c.relkind IN ('i', 'I') AND c.relname = %(name)s
  AND c.relnamespace = (CASE WHEN %(schema)s = 'pg_temp' THEN pg_my_temp_schema()
                             ELSE to_regnamespace(%(schema)s)::oid END)
