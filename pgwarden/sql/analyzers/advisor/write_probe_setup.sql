-- advise: the write-cost probe's scratch objects, all TEMPORARY (this session only; dropped by
-- write_probe_drop.sql, and by the server at the session's end whatever happens). Never touches
-- a user table. The secondary indexes of the indexed table: write_probe_index.sql.
CREATE TEMPORARY TABLE pgwarden_probe_plain (
    id bigint PRIMARY KEY,
    a integer NOT NULL,
    b integer NOT NULL,
    c text NOT NULL,
    d timestamptz NOT NULL,
    e integer NOT NULL DEFAULT 0
) WITH (fillfactor = 70);
CREATE TEMPORARY TABLE pgwarden_probe_indexed (LIKE pg_temp.pgwarden_probe_plain INCLUDING ALL)
    WITH (fillfactor = 70);
-- Row by row, in alternating order (so that both tables see the same load): a single-row
-- INSERT into each table, then a single-row UPDATE of a column no index holds (HOT) in each,
-- then one of column a, which the indexed table's first secondary index holds (not HOT there,
-- HOT in the plain table), every statement parsed and planned afresh (EXECUTE) and its own transaction (a COMMIT after
-- each: the locks on the table and its indexes are taken and released per statement), as an
-- application's autocommit statements. Each statement's time (ms) by the server's clock, per
-- row: the caller takes the mean of the middle half of the paired differences (a pause of the
-- machine hits one statement of a pair, and lands in a tail).
CREATE PROCEDURE pg_temp.pgwarden_write_probe(n_rows integer,
                                             INOUT plain_ms double precision[] DEFAULT NULL,
                                             INOUT indexed_ms double precision[] DEFAULT NULL,
                                             INOUT plain_update_ms double precision[] DEFAULT NULL,
                                             INOUT indexed_update_ms double precision[] DEFAULT NULL,
                                             INOUT plain_moved_ms double precision[] DEFAULT NULL,
                                             INOUT indexed_moved_ms double precision[] DEFAULT NULL)
LANGUAGE plpgsql AS $probe$
DECLARE
    ins CONSTANT text := 'INSERT INTO pg_temp.%I (id, a, b, c, d) VALUES ($1, $2, $3, $4, $5)';
    upd CONSTANT text := 'UPDATE pg_temp.%I SET e = e + 1 WHERE id = $1';
    mov CONSTANT text := 'UPDATE pg_temp.%I SET a = a + 1 WHERE id = $1';
    tables text[];
    t0 timestamptz;
    took double precision;
    v integer;
    j integer;
BEGIN
    plain_ms := '{}';
    indexed_ms := '{}';
    plain_update_ms := '{}';
    indexed_update_ms := '{}';
    plain_moved_ms := '{}';
    indexed_moved_ms := '{}';
    FOR v IN 1 .. n_rows LOOP
        tables := CASE WHEN v % 2 = 0 THEN ARRAY['pgwarden_probe_plain', 'pgwarden_probe_indexed']
                       ELSE ARRAY['pgwarden_probe_indexed', 'pgwarden_probe_plain'] END;
        FOR j IN 1 .. 2 LOOP
            t0 := clock_timestamp();
            EXECUTE format(ins, tables[j])
                USING v::bigint, v * 7919 % 100003, v * 104729 % 65537,
                      'row ' || (v * 31 % 9973), now() - (v * 7 % 86400) * interval '1 s';
            COMMIT;
            took := extract(epoch FROM clock_timestamp() - t0) * 1000.0;
            IF tables[j] = 'pgwarden_probe_plain' THEN
                plain_ms := plain_ms || took;
            ELSE
                indexed_ms := indexed_ms || took;
            END IF;
        END LOOP;
        FOR j IN 1 .. 2 LOOP
            t0 := clock_timestamp();
            EXECUTE format(upd, tables[j]) USING v::bigint;
            COMMIT;
            took := extract(epoch FROM clock_timestamp() - t0) * 1000.0;
            IF tables[j] = 'pgwarden_probe_plain' THEN
                plain_update_ms := plain_update_ms || took;
            ELSE
                indexed_update_ms := indexed_update_ms || took;
            END IF;
        END LOOP;
        FOR j IN 1 .. 2 LOOP
            t0 := clock_timestamp();
            EXECUTE format(mov, tables[j]) USING v::bigint;
            COMMIT;
            took := extract(epoch FROM clock_timestamp() - t0) * 1000.0;
            IF tables[j] = 'pgwarden_probe_plain' THEN
                plain_moved_ms := plain_moved_ms || took;
            ELSE
                indexed_moved_ms := indexed_moved_ms || took;
            END IF;
        END LOOP;
    END LOOP;
END
$probe$;
