-- Normalise currency codes; wrapped in a transaction by the deploy tool.
CREATE OR REPLACE PROCEDURE normalise_currency()
LANGUAGE plpgsql AS $$
DECLARE
    n bigint;
BEGIN
    LOOP
        UPDATE orders SET currency = upper(currency)
         WHERE id IN (SELECT id FROM orders WHERE currency <> upper(currency) LIMIT 10000);
        GET DIAGNOSTICS n = ROW_COUNT;
        EXIT WHEN n = 0;
        COMMIT;
    END LOOP;
END
$$;

BEGIN;
CALL normalise_currency();
COMMIT;
