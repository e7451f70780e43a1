-- Empties the CMS tables before a forced re-seed (returns nothing); {tables} is composed by the
-- caller from psycopg.sql.Identifier values.
TRUNCATE {tables} RESTART IDENTITY CASCADE;
