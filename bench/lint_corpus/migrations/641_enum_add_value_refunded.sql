-- New payment states for the refund flow.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'payment_state') THEN
        CREATE TYPE payment_state AS ENUM ('pending', 'captured', 'failed');
    END IF;
END
$$;
ALTER TYPE payment_state ADD VALUE IF NOT EXISTS 'refunded' AFTER 'captured';
ALTER TYPE payment_state ADD VALUE IF NOT EXISTS 'partially_refunded' AFTER 'captured';
ALTER TABLE orders ADD COLUMN IF NOT EXISTS payment payment_state;
