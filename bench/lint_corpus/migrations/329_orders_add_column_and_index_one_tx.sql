-- Sales channel (web/app/pos) with an index for the channel report, one transaction.
BEGIN;
SET LOCAL lock_timeout = '3s';
ALTER TABLE orders ADD COLUMN channel text NOT NULL DEFAULT 'web';
CREATE INDEX orders_channel_idx ON orders (channel);
COMMIT;
