-- One column r: true when this server is a standby (in recovery).
SELECT pg_is_in_recovery() AS r
