-- Whether relation %(name)s resolves through the search_path (true/false).
SELECT to_regclass(%(name)s) IS NOT NULL AS present
