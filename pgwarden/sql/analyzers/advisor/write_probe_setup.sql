-- advise: the write-cost probe's scratch objects, all TEMPORARY (this session only; dropped by
-- write_probe_drop.sql, and by the server at the session's end whatever happens). Never touches
-- a user table. The secondary indexes of the indexed table: write_probe_index.sql.
CREATE TEMPORARY TABLE pgwarden_probe_plain (
    id bigint PRIMARY KEY,
    a integer NOT NULL,
    b integer NOT NULL,
    c text NOT NULL,
    d timestamptz NOT NULL
);
CREATE TEMPORARY TABLE pgwarden_probe_indexed (LIKE pg_temp.pgwarden_probe_plain INCLUDING ALL);
-- Single-row INSERTs into both tables, row by row in alternating order (so that both see the
-- same load), each INSERT its own transaction (a COMMIT after each: the locks on the table and
-- its indexes are taken and released per statement, as an application's autocommit INSERT);
-- per batch of n_rows pairs, the mean time per row (ms) of each table by the server's clock.
CREATE PROCEDURE pg_temp.pgwarden_write_probe(n_rows integer, n_batches integer,
                                             INOUT plain_ms double precision[] DEFAULT NULL,
                                             INOUT indexed_ms double precision[] DEFAULT NULL)
LANGUAGE plpgsql AS $probe$
DECLARE
    t0 timestamptz;
    t1 timestamptz;
    t2 timestamptz;
    v bigint := 0;
    i integer;
    b integer;
    p interval;
    x interval;
BEGIN
    plain_ms := '{}';
    indexed_ms := '{}';
    FOR b IN 1 .. n_batches LOOP
        p := interval '0';
        x := interval '0';
        FOR i IN 1 .. n_rows LOOP
            v := v + 1;
            IF v % 2 = 0 THEN
                t0 := clock_timestamp();
                INSERT INTO pg_temp.pgwarden_probe_plain VALUES
                    (v, v * 7919 % 100003, v * 104729 % 65537, 'row ' || (v * 31 % 9973),
                     now() - (v * 7 % 86400) * interval '1 s');
                COMMIT;
                t1 := clock_timestamp();
                INSERT INTO pg_temp.pgwarden_probe_indexed VALUES
                    (v, v * 7919 % 100003, v * 104729 % 65537, 'row ' || (v * 31 % 9973),
                     now() - (v * 7 % 86400) * interval '1 s');
                COMMIT;
                t2 := clock_timestamp();
                p := p + (t1 - t0);
                x := x + (t2 - t1);
            ELSE
                t0 := clock_timestamp();
                INSERT INTO pg_temp.pgwarden_probe_indexed VALUES
                    (v, v * 7919 % 100003, v * 104729 % 65537, 'row ' || (v * 31 % 9973),
                     now() - (v * 7 % 86400) * interval '1 s');
                COMMIT;
                t1 := clock_timestamp();
                INSERT INTO pg_temp.pgwarden_probe_plain VALUES
                    (v, v * 7919 % 100003, v * 104729 % 65537, 'row ' || (v * 31 % 9973),
                     now() - (v * 7 % 86400) * interval '1 s');
                COMMIT;
                t2 := clock_timestamp();
                x := x + (t1 - t0);
                p := p + (t2 - t1);
            END IF;
        END LOOP;
        plain_ms := plain_ms || extract(epoch FROM p) * 1000.0 / n_rows;
        indexed_ms := indexed_ms || extract(epoch FROM x) * 1000.0 / n_rows;
    END LOOP;
END
$probe$;
