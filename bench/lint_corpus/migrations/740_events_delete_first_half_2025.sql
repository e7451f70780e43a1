-- GDPR: drop raw events from the first half of 2025.
DELETE FROM events WHERE occurred_at < '2025-07-01';
