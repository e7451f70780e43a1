-- One batch of the coupon clean-up; the cron job repeats it until 0 rows.
WITH batch AS (
    SELECT id FROM orders WHERE coupon = 'spring' ORDER BY id LIMIT 2000 FOR UPDATE SKIP LOCKED
)
UPDATE orders o SET coupon = 'SPRING' FROM batch WHERE o.id = batch.id;
