-- Housekeeping: drop sessions that expired more than a week ago.
DELETE FROM sessions WHERE expires_at < now() - interval '7 days';
