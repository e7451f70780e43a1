-- Audit log (returns nothing): %(audit_logs)s changes to workshops, enrollments, users and sessions
-- over the last two years (about a third older than a year, so retention clean-up has work), skewed
-- toward the popular records.
INSERT INTO audit_logs (table_name, record_id, operation, old_values, new_values, changed_by, created_at)
SELECT t.table_name,
       pg_temp.uid(%(seed)s, t.kind, floor(t.n * pg_temp.rnd(%(seed)s, 151, i) ^ 2)::bigint),
       op.operation,
       CASE WHEN op.operation <> 'INSERT' THEN jsonb_build_object('status', 'pending') END,
       CASE WHEN op.operation <> 'DELETE' THEN jsonb_build_object('status', 'confirmed') END,
       pg_temp.uid(%(seed)s, 'u', floor(%(staff)s * pg_temp.rnd(%(seed)s, 152, i))::bigint),
       %(anchor)s::timestamptz - make_interval(secs => 6.3e7 * pg_temp.rnd(%(seed)s, 153, i) ^ 1.7)
FROM generate_series(0, %(audit_logs)s - 1) AS i
CROSS JOIN LATERAL (
    SELECT CASE WHEN u < 0.4 THEN 'enrollments' WHEN u < 0.7 THEN 'workshops' WHEN u < 0.9 THEN 'users'
                ELSE 'sessions' END AS table_name,
           CASE WHEN u < 0.4 THEN 'e' WHEN u < 0.7 THEN 'w' WHEN u < 0.9 THEN 'u' ELSE 's' END AS kind,
           CASE WHEN u < 0.4 THEN %(enrollments)s WHEN u < 0.7 THEN %(workshops)s WHEN u < 0.9 THEN %(users)s
                ELSE %(workshops)s * 10 END AS n
    FROM (SELECT pg_temp.rnd(%(seed)s, 150, i) AS u) r) t
CROSS JOIN LATERAL (
    SELECT CASE WHEN u < 0.25 THEN 'INSERT' WHEN u < 0.95 THEN 'UPDATE' ELSE 'DELETE' END AS operation
    FROM (SELECT pg_temp.rnd(%(seed)s, 154, i) AS u) r) op;
