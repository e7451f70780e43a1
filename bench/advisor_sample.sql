-- Sample ids the write workload updates (1,000 of each). Returns: enrollment_id, question_id,
-- user_id, session_id.
SELECT e.id AS enrollment_id, q.id AS question_id, e.participant_id AS user_id, s.id AS session_id
FROM (SELECT id, participant_id, row_number() OVER (ORDER BY id) AS n FROM enrollments
      ORDER BY id LIMIT 1000) e
JOIN (SELECT id, row_number() OVER (ORDER BY id) AS n FROM questions ORDER BY id LIMIT 1000) q
  ON q.n = e.n
JOIN (SELECT id, row_number() OVER (ORDER BY id) AS n FROM user_sessions ORDER BY id LIMIT 1000) s
  ON s.n = e.n
