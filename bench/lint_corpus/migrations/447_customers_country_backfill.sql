-- Fill country_code in batches of 10k ids.
ALTER TABLE customers ADD COLUMN country_code text;

DO $backfill$
DECLARE
    lo bigint;
    hi bigint;
BEGIN
    SELECT min(id), max(id) INTO lo, hi FROM customers;
    WHILE lo <= hi LOOP
        UPDATE customers
           SET country_code = upper(country)
         WHERE id >= lo AND id < lo + 10000;
        lo := lo + 10000;
    END LOOP;
END
$backfill$;
