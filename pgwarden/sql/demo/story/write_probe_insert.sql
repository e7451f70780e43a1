-- One application-like write: record an audit row for that enrollment (the probe times it).
INSERT INTO audit_logs (table_name, record_id, operation, new_values)
VALUES ('enrollments', %(id)s, 'UPDATE', '{"source": "pgwarden demo write probe"}')
