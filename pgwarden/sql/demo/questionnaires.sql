-- Questionnaires (returns nothing): one for about half of the non-draft workshops.
INSERT INTO questionnaires (id, workshop_id, title, created_by, created_at, updated_at)
SELECT pg_temp.uid(%(seed)s, 'q', w.k), w.id,
       jsonb_build_object('pl', 'Ankieta po warsztatach', 'en', 'Post-workshop questionnaire'),
       pg_temp.uid(%(seed)s, 'u', 15 + pg_temp.pick(%(seed)s, 111, w.k, 10) - 1),
       least(%(anchor)s::timestamptz, w.start_date - interval '30 days'),
       least(%(anchor)s::timestamptz, w.start_date - interval '30 days')
FROM seed_w w
WHERE w.status <> 'draft' AND pg_temp.rnd(%(seed)s, 110, w.k) < 0.5;
