-- Binary-coercible casts (pg_cast.castmethod = 'b', the types' values are the same bytes):
-- source and target type names. ALTER COLUMN … TYPE from source to target relabels the
-- column without a rewrite (ATColumnChangeRequiresRewrite sees a RelabelType), unless a
-- length or precision must be checked.
SELECT s.typname AS source, t.typname AS target
FROM pg_catalog.pg_cast c
JOIN pg_catalog.pg_type s ON s.oid = c.castsource
JOIN pg_catalog.pg_type t ON t.oid = c.casttarget
WHERE c.castmethod = 'b'
ORDER BY 1, 2
