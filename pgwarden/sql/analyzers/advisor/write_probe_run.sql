-- advise: the write probe (its procedure: write_probe_setup.sql)
CALL pg_temp.pgwarden_write_probe(%(rows)s)
