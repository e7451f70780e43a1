-- Cancel orders stuck in 'new' for more than 690 days.
UPDATE orders SET status = 'cancelled'
WHERE status = 'new' AND created_at < now() - interval '690 days';
