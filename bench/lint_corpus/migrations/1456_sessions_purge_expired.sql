-- Nightly cleanup: remove expired sessions.
DELETE FROM sessions WHERE expires_at < now() - interval '7 days';
