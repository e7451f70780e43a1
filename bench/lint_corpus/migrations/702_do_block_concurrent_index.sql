-- Create the index only where it is missing (some environments got it by hand).
DO $$
BEGIN
    IF to_regclass('public.orders_shipped_at_idx') IS NULL THEN
        EXECUTE 'CREATE INDEX CONCURRENTLY orders_shipped_at_idx ON orders (shipped_at)';
    END IF;
END
$$;
