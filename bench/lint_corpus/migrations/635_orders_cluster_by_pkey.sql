-- Physically order orders by id for the range scans of the export job.
CLUSTER orders USING orders_pkey;
ANALYZE orders;
