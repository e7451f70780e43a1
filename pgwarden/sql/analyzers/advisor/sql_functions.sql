-- The set-returning LANGUAGE sql functions named %(names)s (text[]) that PostgreSQL can inline
-- into a calling query's FROM clause (inline_set_returning_function: not STRICT, not VOLATILE,
-- not SECURITY DEFINER, no SET clause; a body in prosrc, not a BEGIN ATOMIC one): the advisor
-- reads and plans their body as the server does. path_pos orders overloads by search_path
-- (NULL: a schema off the path, reachable only schema-qualified).
SELECT n.nspname AS schema,
       p.proname AS name,
       p.pronargs AS nargs,
       coalesce(p.proargnames, '{}'::text[]) AS arg_names,
       coalesce(p.proargmodes::text[], '{}'::text[]) AS arg_modes,
       ARRAY(SELECT format_type(t, NULL) FROM unnest(p.proargtypes::oid[]) WITH ORDINALITY AS a(t, i)
             ORDER BY a.i) AS arg_types,
       pg_get_expr(p.proargdefaults, 0) AS defaults,
       p.pronargdefaults AS ndefaults,
       p.prosrc AS body,
       array_position(current_schemas(true), n.nspname::text) AS path_pos
FROM pg_proc AS p
JOIN pg_namespace AS n ON n.oid = p.pronamespace
JOIN pg_language AS l ON l.oid = p.prolang
WHERE p.proname = ANY (%(names)s::text[])
  AND l.lanname = 'sql'
  AND p.prokind = 'f'
  AND p.proretset
  AND NOT p.prosecdef
  AND NOT p.proisstrict
  AND p.provolatile <> 'v'
  AND p.proconfig IS NULL
  AND p.prosrc <> ''
  AND n.nspname NOT IN ('pg_catalog', 'information_schema')
ORDER BY p.proname, path_pos NULLS LAST
