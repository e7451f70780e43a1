-- The standby's report: how many rows of {table} have {column} equal to the one parameter
-- (an index read there only).
SELECT count(*) FROM {table} WHERE {column} = %s;
