-- Invalid indexes in schema %(schema)s named like leftovers of a failed REINDEX CONCURRENTLY
-- (PostgreSQL names them <index>_ccnew, _ccnew1, ... and <index>_ccold...); returns their names.
SELECT ci.relname AS name
FROM pg_class ci
JOIN pg_namespace n ON n.oid = ci.relnamespace
JOIN pg_index x ON x.indexrelid = ci.oid
WHERE n.nspname = %(schema)s AND NOT x.indisvalid AND ci.relname ~ '_cc(new|old)[0-9]*$'
