-- advise: may the write probe run in this session (not on a standby, not read-only)
SELECT pg_is_in_recovery() AS standby,
       current_setting('transaction_read_only') = 'on' AS read_only
