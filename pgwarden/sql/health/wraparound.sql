-- Transaction-ID and multixact age of every database that accepts connections.
-- Returns: datname, xid_age, mxid_age, autovacuum_freeze_max_age,
-- autovacuum_multixact_freeze_max_age. Wraparound stops writes when an age nears 2^31.
SELECT d.datname::text AS datname,
       age(d.datfrozenxid)::bigint AS xid_age,
       mxid_age(d.datminmxid)::bigint AS mxid_age,
       current_setting('autovacuum_freeze_max_age')::bigint AS autovacuum_freeze_max_age,
       current_setting('autovacuum_multixact_freeze_max_age')::bigint
         AS autovacuum_multixact_freeze_max_age
FROM pg_database d
WHERE d.datallowconn
ORDER BY age(d.datfrozenxid) DESC
