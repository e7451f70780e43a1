-- The per-workshop draws (returns nothing): temp table seed_w with each workshop's index k (also its
-- popularity rank: k = 0 is the most popular), id, theme, dates, status, language and session count.
-- Themes are skewed (a few themes are common); dates spread from two years ago to a year ahead.
CREATE TEMP TABLE seed_w AS
SELECT k, pg_temp.uid(%(seed)s, 'w', k) AS id,
       1 + floor((SELECT count(*) FROM seed_themes) * pg_temp.rnd(%(seed)s, 30, k) ^ 1.6)::int AS theme_n,
       pg_temp.pick(%(seed)s, 31, k, (SELECT count(*)::int FROM seed_templates)) AS template_n,
       pg_temp.pick(%(seed)s, 32, k, (SELECT count(*)::int FROM seed_audiences)) AS aud_n,
       start_date,
       CASE WHEN u < 0.10 THEN 'draft' WHEN u < 0.14 THEN 'cancelled'
            WHEN start_date < %(anchor)s::timestamptz - interval '30 days' AND u < 0.55 THEN 'archived'
            ELSE 'published' END AS status,
       CASE WHEN pg_temp.rnd(%(seed)s, 34, k) < 0.75 THEN 'pl' ELSE 'en' END AS language,
       1 + floor(6 * pg_temp.rnd(%(seed)s, 35, k) ^ 2)::int AS n_sessions
FROM (SELECT k, pg_temp.rnd(%(seed)s, 33, k) AS u,
             date_trunc('hour', %(anchor)s::timestamptz
                 + make_interval(days => floor(pg_temp.rnd(%(seed)s, 36, k) * 1095)::int - 730,
                                 hours => 8 + floor(pg_temp.rnd(%(seed)s, 37, k) * 10)::int)) AS start_date
      FROM generate_series(0, %(workshops)s - 1) AS k) d;
