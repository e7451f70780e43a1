-- After the bulk logout of last night, clean up sessions and refresh its statistics.
VACUUM (ANALYZE) sessions;
