-- Helper that creates yearly event partitions ahead of time; run it for the next two years.
CREATE OR REPLACE FUNCTION ensure_events_partition(y int) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    part text := format('events_%s', y);
BEGIN
    IF to_regclass(part) IS NULL THEN
        EXECUTE format('CREATE TABLE %I PARTITION OF events FOR VALUES FROM (%L) TO (%L)',
                       part, make_date(y, 1, 1), make_date(y + 1, 1, 1));
    END IF;
END
$$;
SELECT ensure_events_partition(2027);
SELECT ensure_events_partition(2028);
