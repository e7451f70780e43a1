-- advise: the write-cost probe's TEMPORARY objects dropped (write_probe_setup.sql)
DROP PROCEDURE IF EXISTS pg_temp.pgwarden_write_probe(integer, double precision[],
    double precision[], double precision[], double precision[], double precision[],
    double precision[]);
DROP TABLE IF EXISTS pg_temp.pgwarden_probe_plain, pg_temp.pgwarden_probe_indexed;
