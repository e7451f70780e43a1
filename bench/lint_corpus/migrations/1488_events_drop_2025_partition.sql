-- Drop the 2025 events partition (already archived to cold storage).
DROP TABLE events_2025;
