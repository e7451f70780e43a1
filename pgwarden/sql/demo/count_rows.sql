-- Exact row count (n) of one table; {table} is composed by the caller with psycopg.sql.Identifier.
SELECT count(*) AS n FROM {table};
