-- Create one hypothetical index (hypopg) from its CREATE INDEX text; visible to this session only.
-- Param: ddl. Returns: indexrelid, indexname, bytes (hypopg's size estimate).
SELECT h.indexrelid, h.indexname, hypopg_relation_size(h.indexrelid) AS bytes
FROM hypopg_create_index(%(ddl)s) h
