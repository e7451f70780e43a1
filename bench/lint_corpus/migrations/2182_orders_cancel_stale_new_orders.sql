-- Orders stuck in 'new' for more than 600 days will never be paid; cancel them.
UPDATE orders
   SET status = 'cancelled'
 WHERE status = 'new'
   AND created_at < now() - interval '600 days';
