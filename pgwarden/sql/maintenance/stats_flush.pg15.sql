-- Flushes this session's pending table statistics (n_dead_tup etc.) before the backend reports
-- idle, so the next task of a `run` sees what the previous one did (e.g. cleanup's dead tuples).
SELECT pg_stat_force_next_flush() AS flushed
