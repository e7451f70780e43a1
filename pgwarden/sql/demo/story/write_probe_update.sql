-- One application-like write: touch an enrollment (the probe times it).
UPDATE enrollments SET updated_at = now() WHERE id = %(id)s
