-- Modules (returns nothing): one to four per session, typed, with bilingual content.
INSERT INTO modules (id, session_id, type, content, order_index, created_at, updated_at)
SELECT pg_temp.uid(%(seed)s, 'm', s.k * 100 + s.j * 10 + m), pg_temp.uid(%(seed)s, 's', s.k * 10 + s.j),
       (ARRAY['text', 'presentation', 'exercise', 'discussion', 'video', 'break'])[pg_temp.pick(%(seed)s, 90 + m, s.k * 10 + s.j, 6)],
       jsonb_build_object(
           'pl', pg_temp.fill(st.pl, 'warsztaty', 'warsztatów', 'warsztatach', 'workshops', 'uczestników', 'participants'),
           'en', pg_temp.fill(st.en, 'warsztaty', 'warsztatów', 'warsztatach', 'workshops', 'uczestników', 'participants')),
       m, least(%(anchor)s::timestamptz, s.start_date - interval '60 days'),
       least(%(anchor)s::timestamptz, s.start_date - interval '60 days')
FROM (SELECT w.k, j, w.start_date FROM seed_w w CROSS JOIN LATERAL generate_series(1, w.n_sessions) AS j) s
CROSS JOIN LATERAL generate_series(1, pg_temp.pick(%(seed)s, 89, s.k * 10 + s.j, 4)) AS m
JOIN seed_sentences st ON st.n = pg_temp.pick(%(seed)s, 95 + m, s.k * 10 + s.j, (SELECT count(*)::int FROM seed_sentences));
