-- Sessions moved to Redis; drop the table.
DROP TABLE sessions;
