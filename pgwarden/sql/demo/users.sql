-- Users (returns nothing): %(users)s rows; indexes below %(staff)s are staff (admins, moderators,
-- sociologist-editors, facilitators), the rest participants; 1 in 100 soft-deleted.
INSERT INTO users (id, email, display_name, preferred_language, role, is_active, last_login_at, created_at, updated_at, deleted_at)
SELECT pg_temp.uid(%(seed)s, 'u', i),
       pg_temp.ascii_name(nm.first_name) || '.' || pg_temp.ascii_name(sn.last_name) || '.' || i
           || '@example.org',
       nm.first_name || ' ' || sn.last_name,
       CASE WHEN pg_temp.rnd(%(seed)s, 19, i) < 0.8 THEN 'pl' ELSE 'en' END,
       CASE WHEN i < 5 THEN 'admin' WHEN i < 15 THEN 'moderator' WHEN i < 25 THEN 'sociologist-editor'
            WHEN i < %(staff)s THEN 'facilitator' ELSE 'participant' END,
       pg_temp.rnd(%(seed)s, 12, i) >= 0.03,
       CASE WHEN pg_temp.rnd(%(seed)s, 13, i) < 0.9
            THEN %(anchor)s::timestamptz - make_interval(secs => pg_temp.rnd(%(seed)s, 14, i) ^ 2 * 3.0e7) END,
       %(anchor)s::timestamptz - make_interval(secs => 3.0e7 + pg_temp.rnd(%(seed)s, 15, i) * 4.0e7),
       %(anchor)s::timestamptz - make_interval(secs => pg_temp.rnd(%(seed)s, 16, i) * 3.0e7),
       CASE WHEN pg_temp.rnd(%(seed)s, 17, i) < 0.01 AND i >= %(staff)s
            THEN %(anchor)s::timestamptz - make_interval(secs => pg_temp.rnd(%(seed)s, 18, i) * 3.0e7) END
FROM generate_series(0, %(users)s - 1) AS i
JOIN seed_names nm ON nm.n = pg_temp.pick(%(seed)s, 10, i, (SELECT count(*)::int FROM seed_names))
JOIN seed_names sn ON sn.n = pg_temp.pick(%(seed)s, 11, i, (SELECT count(*)::int FROM seed_names));
