-- The parameter types the server chose for one of this session's prepared statements (the
-- advisor's planning session). Param: name. Returns: t (text[]: the types, format_type style).
SELECT parameter_types::text[] AS t FROM pg_prepared_statements WHERE name = %(name)s
