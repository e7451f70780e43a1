-- Maintenance commands, materialized views, text search, partitions.
-- case: VACUUM FULL
-- expect: vacuum-full
VACUUM FULL enrollments;

-- case: plain VACUUM
-- expect: clean
VACUUM (ANALYZE) enrollments;

-- case: CLUSTER
-- expect: cluster
CLUSTER enrollments USING enrollments_pkey;

-- case: REFRESH without CONCURRENTLY
-- expect: refresh-matview-not-concurrent
REFRESH MATERIALIZED VIEW course_stats;

-- case: REFRESH CONCURRENTLY
-- expect: clean
REFRESH MATERIALIZED VIEW CONCURRENTLY course_stats;

-- case: materialized view dropped and re-created WITH DATA in one transaction
-- expect: matview-recreated-in-transaction
BEGIN;
DROP MATERIALIZED VIEW course_stats;
CREATE MATERIALIZED VIEW course_stats AS SELECT course_id, count(*) AS n FROM enrollments GROUP BY course_id;
CREATE UNIQUE INDEX course_stats_pk ON course_stats (course_id);
COMMIT;

-- case: re-created WITH NO DATA, refreshed after COMMIT
-- expect: clean
BEGIN;
DROP MATERIALIZED VIEW course_stats;
CREATE MATERIALIZED VIEW course_stats AS SELECT course_id, count(*) AS n FROM enrollments GROUP BY course_id WITH NO DATA;
CREATE UNIQUE INDEX course_stats_pk ON course_stats (course_id);
COMMIT;
REFRESH MATERIALIZED VIEW course_stats;

-- case: changing a text search configuration existing indexes use
-- expect: text-search-config-change
ALTER TEXT SEARCH CONFIGURATION cms_pl ALTER MAPPING FOR word WITH simple;

-- case: dropping a text search configuration CASCADE
-- expect: text-search-config-change
DROP TEXT SEARCH CONFIGURATION cms_pl CASCADE;

-- case: a configuration created in the same migration
-- expect: clean
CREATE TEXT SEARCH CONFIGURATION cms_en (COPY = english);
ALTER TEXT SEARCH CONFIGURATION cms_en ALTER MAPPING FOR word WITH simple;

-- case: DETACH PARTITION
-- expect: detach-partition-not-concurrent
ALTER TABLE events DETACH PARTITION events_2024;

-- case: DETACH PARTITION CONCURRENTLY
-- expect: clean
ALTER TABLE events DETACH PARTITION events_2024 CONCURRENTLY;
