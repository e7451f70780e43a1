VACUUM FULL sessions;
