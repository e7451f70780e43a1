-- Carriers give us a tracking number once the parcel leaves.
ALTER TABLE orders ADD COLUMN tracking_number varchar(64);
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_tracking_number_idx ON orders (tracking_number)
    WHERE tracking_number IS NOT NULL;
