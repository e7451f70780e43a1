-- CMS hot query: user sessions expiring within an interval, soonest first (the reminder and
-- clean-up job).
SELECT id, user_id, expires_at
FROM user_sessions
WHERE expires_at >= now() AND expires_at < now() + %(within)s::interval
ORDER BY expires_at
LIMIT 100;
