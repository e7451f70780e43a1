-- One non-null value (v) of {column} in {table} (both composed with psycopg.sql.Identifier).
SELECT {column} AS v FROM {table} WHERE {column} IS NOT NULL LIMIT 1;
