-- Workshops (returns nothing): one row per seed_w row, bilingual jsonb texts built from the word lists
-- (Polish always, English for English-language workshops and for 60%% of the others). The description
-- is one sentence of the theme's tag (seed_sentences.tag) and two to four generic ones (tag '*'); the
-- short description a generic one: topical words stay with the themes they belong to.
WITH generic AS (
    SELECT row_number() OVER (ORDER BY n)::int AS i, count(*) OVER ()::int AS c, pl, en
    FROM seed_sentences WHERE tag = '*'
), topical AS (
    SELECT tag, row_number() OVER (PARTITION BY tag ORDER BY n)::int AS i,
           count(*) OVER (PARTITION BY tag)::int AS c, pl, en
    FROM seed_sentences WHERE tag <> '*'
)
INSERT INTO workshops (id, slug, title, subtitle, description, short_description, status, start_date,
                       end_date, seat_limit, seat_reserved, enable_waiting_list, template_theme, language,
                       price, currency, created_by, published_at, created_at, updated_at)
SELECT w.id, th.key || '-' || w.k,
       jsonb_strip_nulls(jsonb_build_object(
           'pl', pg_temp.fill(tp.pl, th.nom, th.gen, th.loc, th.en, au.pl, au.en),
           'en', CASE WHEN x.has_en THEN pg_temp.fill(tp.en, th.nom, th.gen, th.loc, th.en, au.pl, au.en) END)),
       jsonb_strip_nulls(jsonb_build_object('pl', 'Dla ' || au.pl,
                                            'en', CASE WHEN x.has_en THEN 'For ' || au.en END)),
       jsonb_strip_nulls(jsonb_build_object('pl', d.pl, 'en', CASE WHEN x.has_en THEN d.en END)),
       jsonb_strip_nulls(jsonb_build_object(
           'pl', pg_temp.cap(th.nom) || '. ' || pg_temp.fill(s1.pl, th.nom, th.gen, th.loc, th.en, au.pl, au.en),
           'en', CASE WHEN x.has_en THEN pg_temp.cap(th.en) || '. '
                      || pg_temp.fill(s1.en, th.nom, th.gen, th.loc, th.en, au.pl, au.en) END)),
       w.status, w.start_date,
       w.start_date + make_interval(days => 7 * (w.n_sessions - 1), hours => 3),
       (ARRAY[12, 15, 20, 20, 25, 30, 30, 40, 50, 100])[pg_temp.pick(%(seed)s, 40, w.k, 10)],
       0,
       pg_temp.rnd(%(seed)s, 41, w.k) < 0.3,
       (ARRAY['default', 'default', 'default', 'modern', 'modern', 'classic', 'minimal', 'vibrant'])[
           1 + floor(8 * pg_temp.rnd(%(seed)s, 42, w.k) ^ 1.3)::int],
       w.language,
       CASE WHEN pg_temp.rnd(%(seed)s, 43, w.k) < 0.3 THEN 0
            ELSE 10 * pg_temp.pick(%(seed)s, 44, w.k, 40) + 40 END,
       CASE WHEN pg_temp.rnd(%(seed)s, 45, w.k) < 0.92 THEN 'PLN' ELSE 'EUR' END,
       pg_temp.uid(%(seed)s, 'u', 25 + floor((%(staff)s - 25) * pg_temp.rnd(%(seed)s, 46, w.k))::int),
       CASE WHEN w.status <> 'draft' THEN least(%(anchor)s::timestamptz,
            w.start_date - make_interval(days => 7 + pg_temp.pick(%(seed)s, 47, w.k, 90))) END,
       least(%(anchor)s::timestamptz, w.start_date - make_interval(days => 100 + pg_temp.pick(%(seed)s, 48, w.k, 60))),
       least(%(anchor)s::timestamptz, w.start_date - make_interval(days => pg_temp.pick(%(seed)s, 49, w.k, 90)))
FROM seed_w w
JOIN seed_themes th ON th.n = w.theme_n
JOIN seed_templates tp ON tp.n = w.template_n
JOIN seed_audiences au ON au.n = w.aud_n
JOIN generic s1 ON s1.i = pg_temp.pick(%(seed)s, 50, w.k, s1.c)
CROSS JOIN LATERAL (SELECT w.language = 'en' OR pg_temp.rnd(%(seed)s, 51, w.k) < 0.6 AS has_en) x
CROSS JOIN LATERAL (
    SELECT string_agg(pg_temp.fill(st.pl, th.nom, th.gen, th.loc, th.en, au.pl, au.en), ' ' ORDER BY j) AS pl,
           string_agg(pg_temp.fill(st.en, th.nom, th.gen, th.loc, th.en, au.pl, au.en), ' ' ORDER BY j) AS en
    FROM generate_series(0, 1 + pg_temp.pick(%(seed)s, 52, w.k, 3)) AS j
    JOIN LATERAL (SELECT t.pl, t.en FROM topical t
                  WHERE j = 0 AND t.tag = th.tag AND t.i = pg_temp.pick(%(seed)s, 52, w.k, t.c)
                  UNION ALL
                  SELECT g.pl, g.en FROM generic g
                  WHERE j > 0 AND g.i = pg_temp.pick(%(seed)s, 52 + j, w.k, g.c)) st ON true) d;
