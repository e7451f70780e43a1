TRUNCATE sessions;
