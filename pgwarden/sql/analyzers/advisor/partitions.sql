-- The partitions under partitioned tables (the advisor's suggestions build an index on each):
-- every partition with its parent, parents before their children.
-- Param: oids (the partitioned tables). Returns: root (the oid asked for), level, leaf,
-- schema_name, table_name, parent_schema, parent_name, foreign_table.
SELECT t.root, p.level, p.isleaf AS leaf, n.nspname AS schema_name, c.relname AS table_name,
       pn.nspname AS parent_schema, pc.relname AS parent_name, c.relkind = 'f' AS foreign_table
FROM unnest(%(oids)s::oid[]) AS t(root)
CROSS JOIN LATERAL pg_partition_tree(t.root) p
JOIN pg_class c ON c.oid = p.relid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_class pc ON pc.oid = p.parentrelid
JOIN pg_namespace pn ON pn.oid = pc.relnamespace
WHERE p.level > 0
ORDER BY t.root, p.level, n.nspname, c.relname
