-- Idempotent index creation for environments that may already have it.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_indexes WHERE indexname = 'orders_shipped_at_idx') THEN
        EXECUTE 'CREATE INDEX orders_shipped_at_idx ON orders (shipped_at)';
    END IF;
END
$$;
