-- Round unit prices to 10 cents (new price policy) in committed batches of 20k lines.
CREATE PROCEDURE round_item_prices(batch int)
LANGUAGE plpgsql AS $$
DECLARE
    lo bigint := 0;
    hi bigint;
BEGIN
    SELECT max(order_id) INTO hi FROM order_items;
    WHILE lo <= hi LOOP
        UPDATE order_items SET unit_price = round(unit_price, 1)
        WHERE order_id > lo AND order_id <= lo + batch / 2;
        lo := lo + batch / 2;
        COMMIT;
    END LOOP;
END $$;

CALL round_item_prices(20000);
DROP PROCEDURE round_item_prices(int);
