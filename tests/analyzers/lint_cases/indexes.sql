-- Index builds, drops and rebuilds. Each case is linted as one psql file.
-- case: index on an existing table
-- expect: index-not-concurrent
CREATE INDEX enrollments_user_idx ON enrollments (user_id);

-- case: concurrent, re-runnable index build
-- expect: clean
DROP INDEX CONCURRENTLY IF EXISTS enrollments_user_idx;
CREATE INDEX CONCURRENTLY IF NOT EXISTS enrollments_user_idx ON enrollments (user_id);

-- case: index on a table created in the same migration (squawk flags this)
-- expect: clean
CREATE TABLE notes (id bigint PRIMARY KEY, body text);
CREATE INDEX notes_body_idx ON notes (body);
CREATE UNIQUE INDEX notes_id_body_idx ON notes (id, body);

-- case: unique index on a new materialized view (squawk flags this)
-- expect: clean
CREATE MATERIALIZED VIEW course_stats AS SELECT course_id, count(*) AS n FROM enrollments GROUP BY course_id;
CREATE UNIQUE INDEX course_stats_pk ON course_stats (course_id);

-- case: CONCURRENTLY inside BEGIN
-- expect: concurrently-in-transaction, concurrently-in-transaction
BEGIN;
DROP INDEX CONCURRENTLY IF EXISTS enrollments_user_idx;
CREATE INDEX CONCURRENTLY enrollments_user_idx ON enrollments (user_id);
COMMIT;

-- case: CREATE INDEX CONCURRENTLY without IF NOT EXISTS fails on re-run
-- expect: concurrent-index-not-rerunnable
CREATE INDEX CONCURRENTLY enrollments_user_idx ON enrollments (user_id);

-- case: IF NOT EXISTS alone keeps an INVALID leftover
-- expect: concurrent-index-not-rerunnable
CREATE INDEX CONCURRENTLY IF NOT EXISTS enrollments_user_idx ON enrollments (user_id);

-- case: drop index without CONCURRENTLY
-- expect: drop-index-not-concurrent
DROP INDEX enrollments_user_idx;

-- case: drop an index this migration built
-- expect: clean
CREATE TABLE tmp_x (id int);
CREATE INDEX tmp_x_idx ON tmp_x (id);
DROP INDEX tmp_x_idx;

-- case: reindex
-- expect: reindex-not-concurrent
REINDEX INDEX enrollments_user_idx;

-- case: reindex concurrently
-- expect: clean
REINDEX INDEX CONCURRENTLY enrollments_user_idx;

-- case: CREATE INDEX ON ONLY a partitioned table builds nothing (each partition's index is built CONCURRENTLY and attached)
-- expect: clean
CREATE INDEX IF NOT EXISTS events_at_idx ON ONLY events (occurred_at);
DROP INDEX CONCURRENTLY IF EXISTS events_2025_at_idx;
CREATE INDEX CONCURRENTLY IF NOT EXISTS events_2025_at_idx ON events_2025 (occurred_at);
ALTER INDEX events_at_idx ATTACH PARTITION events_2025_at_idx;

-- case: CREATE INDEX CONCURRENTLY on a partitioned table (the server refuses it)
-- expect: concurrently-on-partitioned
CREATE TABLE visits (id bigint, at date NOT NULL) PARTITION BY RANGE (at);
CREATE INDEX CONCURRENTLY IF NOT EXISTS visits_at_idx ON visits (at);

-- case: the recipe: ON ONLY the parent, CONCURRENTLY on the partition, ATTACH
-- expect: clean
CREATE TABLE visits (id bigint, at date NOT NULL) PARTITION BY RANGE (at);
CREATE TABLE visits_2026 PARTITION OF visits FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
CREATE INDEX IF NOT EXISTS visits_at_idx ON ONLY visits (at);
CREATE INDEX CONCURRENTLY IF NOT EXISTS visits_2026_at_idx ON visits_2026 (at);
ALTER INDEX visits_at_idx ATTACH PARTITION visits_2026_at_idx;
