-- Within the seed's transaction: generate_series row estimates would make the planner JIT-compile
-- queries that run in milliseconds.
SET LOCAL jit = off;
