-- pg_stat_user_indexes shows zero scans on this index for 90 days.
DROP INDEX CONCURRENTLY IF EXISTS public.orders_customer_idx;
