-- Anonymous sessions are gone since 3.0; customer_id is always set.
SET lock_timeout = '1s';
ALTER TABLE sessions ALTER COLUMN customer_id SET NOT NULL;
