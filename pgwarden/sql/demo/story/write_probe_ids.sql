-- Up to %(n)s enrollment ids for the write probe to update (a random sample of the table).
SELECT id FROM enrollments TABLESAMPLE SYSTEM (10) LIMIT %(n)s
