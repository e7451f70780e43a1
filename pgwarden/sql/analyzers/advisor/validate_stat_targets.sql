-- Per-column statistics targets set on the user's table (ALTER ... SET STATISTICS), to give
-- its temporary copy the same: column, target. Columns left at the default are not listed.
SELECT a.attname AS column_name, a.attstattarget::int AS target
FROM pg_attribute a
WHERE a.attrelid = %(oid)s AND a.attnum > 0 AND NOT a.attisdropped AND a.attstattarget > 0
ORDER BY a.attnum
