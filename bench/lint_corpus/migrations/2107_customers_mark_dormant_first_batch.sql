-- Data migration, batch 1 of N (ids 1..2000): customers without activity for 900+ days
-- become 'dormant'. Later batches run from the job scheduler with the next id range.
UPDATE customers
SET    status = 'dormant'
WHERE  id BETWEEN 1 AND 2000
  AND  status = 'active'
  AND  created_at < now() - interval '900 days';
