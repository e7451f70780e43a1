-- Cancel unpaid orders older than 600 days; abort if it takes too long on prod.
SET statement_timeout = '30s';
UPDATE orders SET status = 'cancelled'
WHERE status = 'new' AND created_at < now() - interval '600 days';
