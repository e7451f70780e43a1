-- Force re-login: purge every session expiring within the next two days.
DELETE FROM sessions WHERE expires_at < now() + interval '2 days';
