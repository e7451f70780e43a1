-- User sessions (returns nothing): %(user_sessions)s login sessions of active users; about 40%%
-- expired (up to 40 days ago), the rest expire within 60 days.
INSERT INTO user_sessions (id, user_id, token_hash, ip_address, user_agent, created_at, last_seen_at, expires_at)
SELECT pg_temp.uid(%(seed)s, 'us', i), u.user_id,
       encode(sha256(convert_to(%(seed)s || ':session:' || i, 'UTF8')), 'hex'),
       ('10.' || pg_temp.pick(%(seed)s, 161, i, 250) || '.' || pg_temp.pick(%(seed)s, 162, i, 250) || '.'
           || pg_temp.pick(%(seed)s, 163, i, 250))::inet,
       (ARRAY['Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0', 'Mozilla/5.0 (iPhone) Safari/605.1',
              'Mozilla/5.0 (Windows NT 10.0) Chrome/126.0'])[pg_temp.pick(%(seed)s, 164, i, 3)],
       x.expires_at - interval '30 days', x.expires_at - interval '29 days', x.expires_at
FROM generate_series(0, %(user_sessions)s - 1) AS i
CROSS JOIN LATERAL (SELECT pg_temp.uid(%(seed)s, 'u', floor(%(users)s * pg_temp.rnd(%(seed)s, 160, i) ^ 1.5)::bigint)
                           AS user_id) u
CROSS JOIN LATERAL (SELECT %(anchor)s::timestamptz
                           + make_interval(secs => (pg_temp.rnd(%(seed)s, 165, i) * 100 - 40) * 86400) AS expires_at) x;
