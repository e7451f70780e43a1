-- Purge the imported audit rows in batches of 2,000 so replication keeps up.
DO $$
DECLARE
    n integer;
BEGIN
    LOOP
        DELETE FROM audit_log
        WHERE id IN (SELECT id FROM audit_log WHERE id <= 100000 ORDER BY id LIMIT 2000);
        GET DIAGNOSTICS n = ROW_COUNT;
        COMMIT;
        EXIT WHEN n = 0;
    END LOOP;
END $$;
