-- Ops detached events_2025 to fix a few rows by hand; put it back.
-- ATTACH PARTITION checks every row of events_2025 against the partition bounds.
ALTER TABLE events DETACH PARTITION events_2025;

UPDATE events_2025 SET kind = 'view' WHERE kind IS NULL;

ALTER TABLE events ATTACH PARTITION events_2025
    FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
