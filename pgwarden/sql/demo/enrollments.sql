-- Enrollments (returns nothing): %(enrollments)s draws, Zipf-like over workshops (workshop k is drawn
-- as floor(W * u^3): the top 1%% of workshops get about a fifth of all enrollments) and mildly skewed
-- over participants (most have one to three, a few have dozens). Draft workshops get none; duplicate
-- (workshop, participant) draws collapse, so the count lands a little under the target. The status
-- follows the workshop's date and status.
INSERT INTO enrollments (id, workshop_id, participant_id, status, payment_status, attendance, created_at,
                         updated_at)
SELECT pg_temp.uid(%(seed)s, 'e', e.i), w.id, e.participant_id,
       CASE WHEN w.status = 'cancelled' THEN 'cancelled'
            WHEN w.start_date < %(anchor)s::timestamptz THEN
                CASE WHEN e.u < 0.65 THEN 'completed' WHEN e.u < 0.78 THEN 'cancelled'
                     WHEN e.u < 0.95 THEN 'confirmed' ELSE 'pending' END
            ELSE CASE WHEN e.u < 0.55 THEN 'confirmed' WHEN e.u < 0.75 THEN 'pending'
                      WHEN e.u < 0.90 THEN 'waitlisted' ELSE 'cancelled' END END,
       CASE WHEN e.u2 < 0.3 THEN 'waived' WHEN e.u2 < 0.85 THEN 'paid'
            WHEN e.u2 < 0.95 THEN 'pending' ELSE 'refunded' END,
       CASE WHEN w.start_date < %(anchor)s::timestamptz AND e.u < 0.65
            THEN jsonb_build_object('sessions_attended', 1 + floor(e.u2 * w.n_sessions)::int,
                                    'sessions_total', w.n_sessions) ELSE '{}' END,
       ts.t, ts.t
FROM (SELECT i, pg_temp.rnd(%(seed)s, 101, i) AS u, pg_temp.rnd(%(seed)s, 102, i) AS u2,
             floor(%(workshops)s * pg_temp.rnd(%(seed)s, 100, i) ^ 3)::int AS k,
             pg_temp.uid(%(seed)s, 'u', %(staff)s
                 + floor((%(users)s - %(staff)s) * pg_temp.rnd(%(seed)s, 103, i) ^ 1.7)::int) AS participant_id
      FROM generate_series(0, %(enrollments)s - 1) AS i) e
JOIN seed_w w ON w.k = e.k AND w.status <> 'draft'
CROSS JOIN LATERAL (SELECT least(%(anchor)s::timestamptz,
                                 w.start_date - make_interval(secs => pg_temp.rnd(%(seed)s, 104, e.i) * 5.0e6)) AS t) ts
ON CONFLICT (workshop_id, participant_id) DO NOTHING;
