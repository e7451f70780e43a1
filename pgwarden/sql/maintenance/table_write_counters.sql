-- Cumulative writes (n_tup_ins + n_tup_upd + n_tup_del) of every table and materialized view, by
-- oid: a change since the last refresh means a view's inputs may have changed. These counters are
-- not transactional (rolled-back writes count too) and are flushed about once a second, so they
-- can only over-report changes, which errs towards refreshing.
SELECT relid::bigint AS oid, (n_tup_ins + n_tup_upd + n_tup_del)::bigint AS writes
FROM pg_stat_all_tables
WHERE schemaname NOT IN ('pg_catalog', 'information_schema') AND schemaname !~ '^pg_toast'
