-- archive 2025 events: detach, then dump and drop the table in a later job
ALTER TABLE events DETACH PARTITION events_2025;
