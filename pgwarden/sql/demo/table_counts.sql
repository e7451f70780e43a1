-- Which of the named tables exist in the search path (table_name, present), in the given order.
SELECT t AS table_name, to_regclass(t) IS NOT NULL AS present
FROM unnest(%(tables)s::text[]) WITH ORDINALITY AS u(t, ord)
ORDER BY ord;
