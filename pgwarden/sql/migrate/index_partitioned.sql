-- Whether the index %(schema)s.%(name)s is a partitioned table's (relkind 'I'): PostgreSQL drops
-- such an index only without CONCURRENTLY (its partitions' indexes go with it).
SELECT c.relkind = 'I' AS partitioned
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = %(schema)s AND c.relname = %(name)s
