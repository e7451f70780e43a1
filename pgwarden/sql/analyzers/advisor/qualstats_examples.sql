-- One execution of each statement pg_qualstats sampled, as the client sent it: the
-- application's literals in place, the values it binds still $n (pg_stat_statements' queryid).
-- Returns: queryid, query.
SELECT queryid, query FROM pg_qualstats_example_queries()
