-- One-off cleanup before the TTL job goes live.
DELETE FROM sessions WHERE expires_at < now() + interval '7 days';
