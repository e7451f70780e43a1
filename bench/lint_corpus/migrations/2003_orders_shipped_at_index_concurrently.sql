-- Needed by the shipping dashboard. Built without blocking writes.
SET lock_timeout = '5s';
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_shipped_at_idx ON public.orders (shipped_at);
