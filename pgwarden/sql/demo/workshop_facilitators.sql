-- Workshop facilitators (returns nothing): one or two facilitators per workshop.
INSERT INTO workshop_facilitators (workshop_id, facilitator_id, role)
SELECT DISTINCT ON (w.id, 2) w.id,
       pg_temp.uid(%(seed)s, 'f', 25 + floor((%(staff)s - 25) * pg_temp.rnd(%(seed)s, 70 + j, w.k))::int),
       CASE WHEN j = 1 THEN 'lead' ELSE 'assistant' END
FROM seed_w w
CROSS JOIN LATERAL generate_series(1, CASE WHEN pg_temp.rnd(%(seed)s, 70, w.k) < 0.3 THEN 2 ELSE 1 END) AS j
ORDER BY w.id, 2, j;
