-- The benchmark's write workload: what the CMS writes while it serves reads (psycopg named
-- parameters; values drawn by bench/advisor.py from the data).
UPDATE enrollments SET status = %(status)s, updated_at = now() WHERE id = %(enrollment_id)s;
INSERT INTO responses (question_id, user_id, enrollment_id, answer)
VALUES (%(question_id)s, %(user_id)s, %(enrollment_id)s, '{"value": 3}');
UPDATE user_sessions SET last_seen_at = now() WHERE id = %(session_id)s;
INSERT INTO audit_logs (table_name, record_id, operation, new_values)
VALUES ('enrollments', %(enrollment_id)s, 'UPDATE', '{"status": "confirmed"}');
