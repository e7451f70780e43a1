-- Sequences and how much of their range is used, also bounded by the type of the column
-- they feed (an integer column fed by a bigint sequence overflows at 2^31-1).
-- Returns: schema, sequence, last_value (NULL when never used or not readable by this role),
-- readable, max_value (the effective limit), seq_max_value, min_value, start_value,
-- column_ref ("schema.table.column", quoted, or NULL), column_type, column_schema,
-- column_table, column_name (the same column unquoted, for composing a fix), increment_by, cycle.
WITH seqs AS MATERIALIZED (
    SELECT c.oid, n.nspname, c.relname, s.seqstart, s.seqincrement, s.seqmax, s.seqmin,
           s.seqcycle, has_sequence_privilege(c.oid, 'SELECT,USAGE') AS readable
    FROM pg_sequence s
    JOIN pg_class c ON c.oid = s.seqrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
), fed AS MATERIALIZED (
    -- MATERIALIZED: computed once, hashed; inlined it is rescanned once per sequence
    -- columns that own the sequence (serial, identity)...
    SELECT d.objid AS seqoid, d.refobjid AS tableoid, d.refobjsubid AS attnum
    FROM pg_depend d
    WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass
      AND d.deptype IN ('a', 'i') AND d.refobjsubid > 0
      AND d.objid IN (SELECT oid FROM seqs)
    UNION
    -- ...and columns whose default calls nextval() on it
    SELECT dd.refobjid, ad.adrelid, ad.adnum
    FROM pg_attrdef ad
    JOIN pg_depend dd ON dd.classid = 'pg_attrdef'::regclass AND dd.objid = ad.oid
                     AND dd.refclassid = 'pg_class'::regclass
    WHERE dd.refobjid IN (SELECT oid FROM seqs)
), cols AS (
    SELECT DISTINCT ON (f.seqoid) f.seqoid,
           format('%I.%I.%I', tn.nspname, t.relname, a.attname) AS column_ref,
           format_type(a.atttypid, NULL) AS column_type,
           tn.nspname::text AS column_schema, t.relname::text AS column_table,
           a.attname::text AS column_name,
           CASE a.atttypid WHEN 'int2'::regtype THEN 32767
                           WHEN 'int4'::regtype THEN 2147483647
                           ELSE 9223372036854775807 END::numeric AS column_max
    FROM fed f
    JOIN pg_class t ON t.oid = f.tableoid
    JOIN pg_namespace tn ON tn.oid = t.relnamespace
    JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = f.attnum
    ORDER BY f.seqoid, column_max
)
SELECT s.nspname::text AS schema,
       s.relname::text AS sequence,
       CASE WHEN s.readable THEN pg_sequence_last_value(s.oid) END AS last_value,
       s.readable,
       CASE WHEN s.seqincrement > 0
            THEN least(s.seqmax::numeric, coalesce(c.column_max, s.seqmax::numeric))
            ELSE s.seqmin::numeric END AS max_value,
       s.seqmax AS seq_max_value,
       s.seqmin AS min_value,
       s.seqstart AS start_value,
       c.column_ref,
       c.column_type,
       c.column_schema,
       c.column_table,
       c.column_name,
       s.seqincrement AS increment_by,
       s.seqcycle AS cycle
FROM seqs s
LEFT JOIN cols c ON c.seqoid = s.oid
ORDER BY 1, 2
