-- Whether this server is a standby (in recovery): a write refused as read-only there means
-- "only the primary acts", not a failure.
SELECT pg_is_in_recovery() AS standby;
