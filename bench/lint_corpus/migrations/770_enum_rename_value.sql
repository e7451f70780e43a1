-- Rename an enum label used by the new fulfilment service (type created here if missing).
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'fulfilment_state') THEN
        CREATE TYPE fulfilment_state AS ENUM ('queued', 'picking', 'packed', 'sent');
    END IF;
END
$$;
ALTER TYPE fulfilment_state RENAME VALUE 'sent' TO 'handed_over';
ALTER TABLE orders ADD COLUMN IF NOT EXISTS fulfilment fulfilment_state;
