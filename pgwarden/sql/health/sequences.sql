-- Sequences and how much of their range is used, also bounded by the type of the column
-- they feed (an integer column fed by a bigint sequence overflows at 2^31-1).
-- Returns: schema, sequence, last_value (NULL when never used or not readable by this role),
-- readable, max_value (the effective limit), seq_max_value, column_ref ("table.column" or
-- NULL), column_type, increment_by, cycle.
WITH fed AS (
    -- columns whose default calls nextval(this sequence) or that own it (serial/identity)
    SELECT DISTINCT ON (d.objid) d.objid AS seqoid,
           format('%I.%I.%I', tn.nspname, t.relname, a.attname) AS column_ref,
           format_type(a.atttypid, NULL) AS column_type,
           CASE a.atttypid WHEN 'int2'::regtype THEN 32767
                           WHEN 'int4'::regtype THEN 2147483647
                           ELSE 9223372036854775807 END::numeric AS column_max
    FROM pg_depend d
    JOIN pg_class t ON t.oid = d.refobjid AND d.refclassid = 'pg_class'::regclass
    JOIN pg_namespace tn ON tn.oid = t.relnamespace
    JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
    WHERE d.classid = 'pg_class'::regclass AND d.deptype IN ('a', 'i') AND d.refobjsubid > 0
    UNION ALL
    SELECT DISTINCT ON (dd.refobjid) dd.refobjid,
           format('%I.%I.%I', tn.nspname, t.relname, a.attname),
           format_type(a.atttypid, NULL),
           CASE a.atttypid WHEN 'int2'::regtype THEN 32767
                           WHEN 'int4'::regtype THEN 2147483647
                           ELSE 9223372036854775807 END::numeric
    FROM pg_attrdef ad
    JOIN pg_depend dd ON dd.classid = 'pg_attrdef'::regclass AND dd.objid = ad.oid
                     AND dd.refclassid = 'pg_class'::regclass
    JOIN pg_class s ON s.oid = dd.refobjid AND s.relkind = 'S'
    JOIN pg_class t ON t.oid = ad.adrelid
    JOIN pg_namespace tn ON tn.oid = t.relnamespace
    JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = ad.adnum
)
SELECT DISTINCT ON (s.schemaname, s.sequencename)
       s.schemaname::text AS schema,
       s.sequencename::text AS sequence,
       s.last_value,
       has_sequence_privilege(c.oid, 'SELECT,USAGE')
         AS readable,
       CASE WHEN s.increment_by > 0
            THEN least(s.max_value::numeric, coalesce(f.column_max, s.max_value::numeric))
            ELSE s.min_value::numeric END AS max_value,
       s.max_value AS seq_max_value,
       s.min_value,
       s.start_value,
       f.column_ref,
       f.column_type,
       s.increment_by,
       s.cycle
FROM pg_sequences s
JOIN pg_namespace n ON n.nspname = s.schemaname
JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = s.sequencename
LEFT JOIN fed f ON f.seqoid = c.oid
WHERE s.schemaname NOT IN ('pg_catalog', 'information_schema')
ORDER BY s.schemaname, s.sequencename, f.column_max NULLS LAST
