-- Record which app created the order. Column first (no default, instant), then backfill
-- in small id-range batches; this revision does the first batch, the worker does the rest.
SET lock_timeout = '1s';

ALTER TABLE orders ADD COLUMN source_app text;

UPDATE orders
SET    source_app = 'web'
WHERE  id BETWEEN 1 AND 5000
  AND  source_app IS NULL;
