-- Delete sessions that have expired.
DELETE FROM sessions WHERE expires_at < now();
