-- Current number of heap pages of table %(schema)s.%(name)s (from its size on disk).
SELECT pg_relation_size(format('%%I.%%I', %(schema)s::text, %(name)s::text)::regclass)
       / current_setting('block_size')::int AS pages
