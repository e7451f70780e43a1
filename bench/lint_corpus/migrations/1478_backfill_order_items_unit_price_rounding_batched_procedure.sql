-- Round unit prices to whole cents after the currency conversion bug, 10,000 orders at a time.
CREATE OR REPLACE PROCEDURE fix_unit_price_rounding(batch integer DEFAULT 10000)
LANGUAGE plpgsql AS $$
DECLARE
    lo bigint;
    hi bigint;
BEGIN
    SELECT min(order_id), max(order_id) INTO lo, hi FROM order_items;
    WHILE lo <= hi LOOP
        UPDATE order_items SET unit_price = round(unit_price, 2)
        WHERE order_id >= lo AND order_id < lo + batch AND unit_price <> round(unit_price, 2);
        COMMIT;
        lo := lo + batch;
    END LOOP;
END $$;
CALL fix_unit_price_rounding();
