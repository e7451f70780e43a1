-- Responses (returns nothing): about half of the completed enrollments of a workshop with a
-- questionnaire answer every question, within two weeks after the workshop.
INSERT INTO responses (id, question_id, user_id, enrollment_id, answer, created_at, updated_at)
SELECT md5(e.id::text || ':' || q.n)::uuid, pg_temp.uid(%(seed)s, 'qq', w.k * 100 + q.n), e.participant_id, e.id,
       CASE q.type
           WHEN 'rating' THEN jsonb_build_object('value', least(5, 1 + floor(5 * (1 - pg_temp.rnd(%(seed)s, 120 + q.n, w.k::bigint * 7919 + hashtext(e.id::text)) ^ 2.5))::int))
           WHEN 'yes_no' THEN jsonb_build_object('value', pg_temp.rnd(%(seed)s, 127, hashtext(e.id::text)) < 0.8)
           WHEN 'single_choice' THEN jsonb_build_object('value', (ARRAY['za wolne', 'w sam raz', 'w sam raz', 'za szybkie'])[
                                  pg_temp.pick(%(seed)s, 128, hashtext(e.id::text), 4)])
           ELSE jsonb_build_object('text', st.pl) END,  -- text, textarea
       ts.t, ts.t
FROM enrollments e
JOIN seed_w w ON w.id = e.workshop_id
CROSS JOIN seed_questions q
CROSS JOIN LATERAL (SELECT least(%(anchor)s::timestamptz, w.start_date + make_interval(days => 7 * w.n_sessions,
             secs => pg_temp.rnd(%(seed)s, 129, hashtext(e.id::text)) * 1.2e6)) AS t) ts
JOIN seed_sentences st ON st.n = 1 + abs(hashtext(e.id::text)) %% (SELECT count(*)::int FROM seed_sentences)
WHERE e.status = 'completed' AND pg_temp.rnd(%(seed)s, 110, w.k) < 0.5
  AND pg_temp.rnd(%(seed)s, 130, hashtext(e.id::text)) < 0.5;
