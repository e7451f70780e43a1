-- Retention policy: drop audit rows for the orders table older than the newest 10 000 (one statement).
DELETE FROM audit_log
WHERE table_name = 'orders'
  AND id < (SELECT max(id) - 10000 FROM audit_log);
