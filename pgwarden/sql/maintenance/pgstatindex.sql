-- pgstattuple's measured leaf density of btree index %(oid)s (reads the whole index; takes an AccessShareLock on it).
SELECT avg_leaf_density::float8 AS avg_leaf_density, leaf_pages FROM pgstatindex(%(oid)s::regclass)
