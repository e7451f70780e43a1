-- Nightly-style cleanup, run once as a migration after the sweeper was broken for a week.
DELETE FROM sessions WHERE expires_at < now() - interval '7 days';
