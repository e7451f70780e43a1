-- Anonymous sessions are gone; every session belongs to a customer.
SET lock_timeout = '2s';
ALTER TABLE sessions ALTER COLUMN customer_id SET NOT NULL;
