-- Ops: drop sessions that expired
DELETE FROM sessions WHERE expires_at < now();
