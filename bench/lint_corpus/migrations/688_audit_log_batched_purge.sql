-- Purge audit rows for the 'orders' table in 2,000-row batches, committing each one.
CREATE OR REPLACE PROCEDURE purge_audit_orders(batch int)
LANGUAGE plpgsql AS $$
DECLARE
    n int;
BEGIN
    LOOP
        DELETE FROM audit_log
        WHERE id IN (SELECT id FROM audit_log WHERE table_name = 'orders' ORDER BY id LIMIT batch);
        GET DIAGNOSTICS n = ROW_COUNT;
        COMMIT;
        EXIT WHEN n < batch;
    END LOOP;
END
$$;
CALL purge_audit_orders(2000);
DROP PROCEDURE purge_audit_orders(int);
