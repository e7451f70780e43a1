-- Feedback (returns nothing): 40%% of completed enrollments rate the workshop 1-5 (mostly 4 and 5).
INSERT INTO feedback (id, workshop_id, user_id, rating, comment, created_at)
SELECT md5('fb:' || e.id::text)::uuid, e.workshop_id, e.participant_id,
       least(5, 1 + floor(5 * (1 - pg_temp.rnd(%(seed)s, 141, hashtext(e.id::text)) ^ 2.5))::int),
       CASE WHEN pg_temp.rnd(%(seed)s, 142, hashtext(e.id::text)) < 0.3
            THEN (ARRAY['Świetne warsztaty, polecam!', 'Bardzo przydatne ćwiczenia.', 'Za mało czasu na pytania.',
                        'Great workshop, highly recommended.', 'Prowadząca znakomicie tłumaczyła trudne tematy.'])[
                 pg_temp.pick(%(seed)s, 143, hashtext(e.id::text), 5)] END,
       least(%(anchor)s::timestamptz, e.updated_at + interval '10 days')
FROM enrollments e
WHERE e.status = 'completed' AND pg_temp.rnd(%(seed)s, 140, hashtext(e.id::text)) < 0.4;
