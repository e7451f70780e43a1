-- PostgreSQL 17+ variant (MAINTAIN privilege also allows REFRESH). Every view and materialized view with the relations its query reads directly (from its
-- pg_rewrite rule's pg_depend entries), whether a materialized view is populated, whether it has a
-- unique index usable by REFRESH ... CONCURRENTLY (valid, non-partial, on plain columns only),
-- and whether the current role may refresh it (owner or member of the owner's role).
SELECT c.oid, c.relkind::text AS relkind, n.nspname AS schema, c.relname AS name,
       c.relispopulated AS populated,
       EXISTS (SELECT 1 FROM pg_index i
               WHERE i.indrelid = c.oid AND i.indisunique AND i.indisvalid AND i.indisready
                 AND i.indpred IS NULL AND i.indexprs IS NULL) AS has_unique_index,
       (pg_has_role(c.relowner, 'USAGE') OR has_table_privilege(c.oid, 'MAINTAIN')) AS can_maintain,
       pg_get_userbyid(c.relowner) AS owner,
       ARRAY(SELECT DISTINCT d.refobjid::bigint
             FROM pg_rewrite r
             JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid
             WHERE r.ev_class = c.oid AND d.refclassid = 'pg_class'::regclass
               AND d.refobjid <> c.oid) AS inputs
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('v', 'm')
  AND n.nspname NOT IN ('pg_catalog', 'information_schema')
