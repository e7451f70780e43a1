-- Forget pg_stat_statements entries of the current database only (other databases keep theirs).
SELECT pg_stat_statements_reset(0, (SELECT oid FROM pg_database WHERE datname = current_database()), 0)
