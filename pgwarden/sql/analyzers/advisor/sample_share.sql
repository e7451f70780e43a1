-- The share of a table's rows a partial index's WHERE keeps, counted on a sample of its pages
-- (the advisor runs it only for a WHERE no statistic can size: a comparison of two columns of a
-- row). TABLESAMPLE SYSTEM reads the chosen pages only; REPEATABLE: the same pages every run.
-- Composed with psycopg.sql: table (an Identifier), predicate (the candidate's WHERE, built from
-- Identifiers and a comparison operator), percent (a Literal).
SELECT count(*) FILTER (WHERE {predicate}) AS kept, count(*) AS seen
FROM {table} TABLESAMPLE SYSTEM ({percent}) REPEATABLE (0)
