-- Facilitators (returns nothing): one per facilitator user (user indexes 25 .. staff-1).
INSERT INTO facilitators (id, user_id, display_name, bio, created_at, updated_at)
SELECT pg_temp.uid(%(seed)s, 'f', i), u.id, u.display_name,
       jsonb_build_object('pl', 'Trener i psycholog, prowadzi warsztaty od ' || (2000 + i %% 20) || ' roku.',
                          'en', 'Trainer and psychologist, running workshops since ' || (2000 + i %% 20) || '.'),
       %(anchor)s::timestamptz - interval '2 years', %(anchor)s::timestamptz - interval '2 years'
FROM generate_series(25, %(staff)s - 1) AS i
JOIN users u ON u.id = pg_temp.uid(%(seed)s, 'u', i);
