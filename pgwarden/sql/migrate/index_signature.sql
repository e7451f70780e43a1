-- What makes index %(oid)s the index it is, in the catalog's own words and free of its name
-- and its table's name: access method, uniqueness, each column or expression as
-- pg_get_indexdef reconstructs it, per-column options (DESC, NULLS FIRST), operator classes,
-- collations, INCLUDE columns and the predicate. Two indexes with equal signatures on tables
-- of the same columns are the same index.
SELECT am.amname AS method,
       i.indisunique AS is_unique,
       i.indnkeyatts AS key_columns,
       array(SELECT pg_get_indexdef(i.indexrelid, k, true)
             FROM generate_series(1, i.indnatts) AS k ORDER BY k) AS columns,
       i.indoption::int2[]::text AS options,
       array(SELECT opc.opcname::text
             FROM unnest(i.indclass::oid[]) WITH ORDINALITY AS u(opc_oid, k)
             JOIN pg_opclass opc ON opc.oid = u.opc_oid ORDER BY u.k) AS opclasses,
       array(SELECT coalesce(coll.collname::text, '')
             FROM unnest(i.indcollation::oid[]) WITH ORDINALITY AS u(coll_oid, k)
             LEFT JOIN pg_collation coll ON coll.oid = u.coll_oid ORDER BY u.k) AS collations,
       pg_get_expr(i.indpred, i.indrelid, true) AS predicate
FROM pg_index i
JOIN pg_class c ON c.oid = i.indexrelid
JOIN pg_am am ON am.oid = c.relam
WHERE i.indexrelid = %(oid)s
