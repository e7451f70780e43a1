-- Drop one hypothetical index (hypopg) of this session. Param: oid (its indexrelid).
SELECT hypopg_drop_index(%(oid)s)
