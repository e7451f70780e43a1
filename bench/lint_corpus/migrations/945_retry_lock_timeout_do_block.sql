-- Try to take the lock a few times with a short lock_timeout instead of queueing behind long readers.
DO $$
DECLARE
    attempt int := 0;
BEGIN
    LOOP
        BEGIN
            SET LOCAL lock_timeout = '500ms';
            ALTER TABLE orders ADD COLUMN IF NOT EXISTS fraud_score real;
            EXIT;
        EXCEPTION WHEN lock_not_available THEN
            attempt := attempt + 1;
            IF attempt >= 5 THEN
                RAISE;
            END IF;
            PERFORM pg_sleep(1);
        END;
    END LOOP;
END
$$;
