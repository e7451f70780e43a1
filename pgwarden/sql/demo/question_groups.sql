-- Question groups (returns nothing): two per questionnaire (the facilitator, the content).
INSERT INTO question_groups (id, questionnaire_id, title, order_index)
SELECT pg_temp.uid(%(seed)s, 'g', w.k * 10 + g), pg_temp.uid(%(seed)s, 'q', w.k),
       CASE g WHEN 1 THEN jsonb_build_object('pl', 'Prowadzący', 'en', 'Facilitator')
              ELSE jsonb_build_object('pl', 'Treść zajęć', 'en', 'Content') END,
       g
FROM seed_w w CROSS JOIN generate_series(1, 2) AS g
WHERE w.status <> 'draft' AND pg_temp.rnd(%(seed)s, 110, w.k) < 0.5;
