-- Replace NULL coupons with '' in batches of 5,000 ids, committing each batch.
CREATE OR REPLACE PROCEDURE backfill_coupon_empty()
LANGUAGE plpgsql AS $$
DECLARE
    lo bigint := 0;
    hi bigint;
BEGIN
    SELECT max(id) INTO hi FROM orders;
    WHILE lo <= hi LOOP
        UPDATE orders SET coupon = '' WHERE id > lo AND id <= lo + 5000 AND coupon IS NULL;
        COMMIT;
        lo := lo + 5000;
    END LOOP;
END $$;

CALL backfill_coupon_empty();
DROP PROCEDURE backfill_coupon_empty();
