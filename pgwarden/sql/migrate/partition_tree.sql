-- The partitions under the table %(schema)s.%(table)s when it is partitioned (none else), parents
-- before their children: an index is built on each (CONCURRENTLY on a leaf) and attached to
-- its parent's, since CREATE INDEX CONCURRENTLY is refused on a partitioned table.
SELECT p.level, p.isleaf AS leaf, n.nspname AS schema_name, c.relname AS table_name,
       pn.nspname AS parent_schema, pc.relname AS parent_name, c.relkind = 'f' AS foreign_table
FROM pg_class r
JOIN pg_namespace rn ON rn.oid = r.relnamespace
CROSS JOIN LATERAL pg_partition_tree(r.oid) p
JOIN pg_class c ON c.oid = p.relid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_class pc ON pc.oid = p.parentrelid
JOIN pg_namespace pn ON pn.oid = pc.relnamespace
WHERE rn.nspname = %(schema)s AND r.relname = %(table)s AND r.relkind = 'p' AND p.level > 0
ORDER BY p.level, n.nspname, c.relname
