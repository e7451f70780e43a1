-- Customers that signed up more than two years ago and never came back are 'dormant'.
UPDATE customers
SET status = 'dormant'
WHERE created_at < now() - interval '2 years'
  AND status = 'active';
