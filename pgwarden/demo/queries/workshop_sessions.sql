-- CMS hot query: a workshop's sessions in order (id, title, times, location).
SELECT id, title, start_time, end_time, location_id, order_index
FROM sessions
WHERE workshop_id = 'dbde9347f156f968d0968e35ee6ea1d0'::uuid
ORDER BY order_index;
