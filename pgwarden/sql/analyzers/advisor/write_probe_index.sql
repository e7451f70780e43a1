-- advise: one secondary index on the write probe's TEMPORARY indexed table; the key
-- columns are composed by the caller (psycopg.sql.Identifier) from a fixed list.
CREATE INDEX ON pg_temp.pgwarden_probe_indexed ({cols})
