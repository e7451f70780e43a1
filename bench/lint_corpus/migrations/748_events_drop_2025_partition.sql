-- 2025 events are in the warehouse; drop the partition.
BEGIN;
ALTER TABLE events DETACH PARTITION events_2025;
DROP TABLE events_2025;
COMMIT;
