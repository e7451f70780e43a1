-- Expand phase of renaming customers.full_name -> display_name:
-- new column, a trigger keeping it in sync, backfill in committed batches.
-- (The contract phase drops full_name in a later release.)
ALTER TABLE customers ADD COLUMN IF NOT EXISTS display_name text;

CREATE OR REPLACE FUNCTION customers_sync_display_name() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' OR NEW.full_name IS DISTINCT FROM OLD.full_name THEN
        NEW.display_name := NEW.full_name;
    END IF;
    RETURN NEW;
END
$$;

SET lock_timeout = '2s';
CREATE TRIGGER customers_sync_display_name BEFORE INSERT OR UPDATE ON customers
    FOR EACH ROW EXECUTE FUNCTION customers_sync_display_name();
RESET lock_timeout;

CREATE OR REPLACE PROCEDURE backfill_display_name(batch int) LANGUAGE plpgsql AS $$
DECLARE
    cur bigint := 0;
    top bigint;
BEGIN
    SELECT coalesce(max(id), 0) INTO top FROM customers;
    WHILE cur < top LOOP
        UPDATE customers SET display_name = full_name
        WHERE id > cur AND id <= cur + batch AND display_name IS DISTINCT FROM full_name;
        cur := cur + batch;
        COMMIT;
    END LOOP;
END
$$;
CALL backfill_display_name(2000);
