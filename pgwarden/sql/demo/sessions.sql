-- Sessions (returns nothing): seed_w.n_sessions per workshop, a week apart, in order.
INSERT INTO sessions (id, workshop_id, title, start_time, end_time, order_index, location_id,
                      max_participants, created_at, updated_at)
SELECT pg_temp.uid(%(seed)s, 's', w.k * 10 + j), w.id,
       jsonb_build_object('pl', 'Spotkanie ' || j || ': ' || th.nom, 'en', 'Session ' || j || ': ' || th.en),
       w.start_date + make_interval(days => 7 * (j - 1)),
       w.start_date + make_interval(days => 7 * (j - 1), hours => 2 + pg_temp.pick(%(seed)s, 80, w.k, 2)),
       j,
       pg_temp.uid(%(seed)s, 'l', CASE WHEN pg_temp.rnd(%(seed)s, 81, w.k) < 0.25 THEN 0
                                   ELSE pg_temp.pick(%(seed)s, 82, w.k, %(locations)s - 1) END),
       CASE WHEN pg_temp.rnd(%(seed)s, 83, w.k) < 0.5 THEN 30 END,
       least(%(anchor)s::timestamptz, w.start_date - interval '60 days'),
       least(%(anchor)s::timestamptz, w.start_date - interval '60 days')
FROM seed_w w
JOIN seed_themes th ON th.n = w.theme_n
CROSS JOIN LATERAL generate_series(1, w.n_sessions) AS j;
