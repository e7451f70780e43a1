-- Physically order sessions by token for the cache warmer's range scans.
CLUSTER sessions USING sessions_pkey;
