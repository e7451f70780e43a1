-- Index every foreign-key column that has no index yet, concurrently (psql \gexec).
SELECT format('CREATE INDEX CONCURRENTLY IF NOT EXISTS %I ON %I.%I (%I)',
              c.conrelid::regclass::text || '_' || a.attname || '_fk_idx',
              n.nspname, t.relname, a.attname)
FROM pg_constraint c
JOIN pg_class t ON t.oid = c.conrelid
JOIN pg_namespace n ON n.oid = t.relnamespace
JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
WHERE c.contype = 'f' AND n.nspname = 'public' AND array_length(c.conkey, 1) = 1
  AND NOT EXISTS (SELECT 1 FROM pg_index i
                  WHERE i.indrelid = c.conrelid AND i.indkey[0] = c.conkey[1])
\gexec
