-- The rows of a table a partial index's WHERE keeps, as the planner estimates them (the
-- advisor EXPLAINs it and reads the plan's row estimate; it never runs). Composed with
-- psycopg.sql: table (an Identifier), predicate (the candidate's WHERE, built from
-- Identifiers and Literals).
SELECT 1 FROM {table} WHERE {predicate}
