-- Questions (returns nothing): the questions of the word list, split over the two groups.
INSERT INTO questions (id, group_id, text, type, order_index)
SELECT pg_temp.uid(%(seed)s, 'qq', w.k * 100 + q.n), pg_temp.uid(%(seed)s, 'g', w.k * 10 + 1 + (q.n - 1) %% 2),
       jsonb_build_object('pl', q.pl, 'en', q.en), q.type, q.n
FROM seed_w w CROSS JOIN seed_questions q
WHERE w.status <> 'draft' AND pg_temp.rnd(%(seed)s, 110, w.k) < 0.5;
