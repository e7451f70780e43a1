-- nightly cleanup, run by hand after the cron job was disabled
DELETE FROM sessions WHERE expires_at < now();
