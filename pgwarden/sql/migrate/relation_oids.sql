-- The oid of each relation named in %(names)s (NULL for a name that does not resolve yet).
SELECT n AS name, to_regclass(n)::oid AS oid FROM unnest(%(names)s::text[]) AS n
