-- One row when a database named %(name)s exists.
SELECT 1 FROM pg_database WHERE datname = %(name)s
