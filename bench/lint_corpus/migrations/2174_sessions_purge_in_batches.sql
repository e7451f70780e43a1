-- Purge expired sessions in batches of 1000, committing after each batch
-- (COMMIT inside DO works when the block is not in an outer transaction).
DO $$
DECLARE
    n integer;
BEGIN
    LOOP
        DELETE FROM sessions
        WHERE token IN (SELECT token FROM sessions
                        WHERE expires_at < now() - interval '7 days'
                        LIMIT 1000);
        GET DIAGNOSTICS n = ROW_COUNT;
        EXIT WHEN n = 0;
        COMMIT;
    END LOOP;
END
$$;
