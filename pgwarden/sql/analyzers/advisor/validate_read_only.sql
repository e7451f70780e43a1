-- The timed runs of a statement (EXPLAIN ANALYZE executes it) go in a READ ONLY transaction
-- that is rolled back: a function the query calls cannot write to the user's tables.
SET TRANSACTION READ ONLY
