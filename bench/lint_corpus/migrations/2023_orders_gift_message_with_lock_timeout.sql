SET lock_timeout TO '2s';
SET statement_timeout TO '30s';
ALTER TABLE public.orders ADD COLUMN IF NOT EXISTS gift_message text;
RESET lock_timeout;
RESET statement_timeout;
