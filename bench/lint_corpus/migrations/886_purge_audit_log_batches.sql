CREATE OR REPLACE PROCEDURE purge_audit_log(keep interval, batch int DEFAULT 5000)
LANGUAGE plpgsql AS $$
DECLARE
    n int;
BEGIN
    LOOP
        DELETE FROM audit_log
        WHERE id IN (SELECT id FROM audit_log WHERE at < now() - keep ORDER BY id LIMIT batch);
        GET DIAGNOSTICS n = ROW_COUNT;
        COMMIT;
        EXIT WHEN n < batch;
    END LOOP;
END
$$;
-- rows written by the import (at = now()) are kept; nothing older than a day exists yet
CALL purge_audit_log(interval '1 day');
