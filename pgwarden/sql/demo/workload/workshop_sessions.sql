-- CMS hot query: a workshop's sessions in order (id, title, times, location).
SELECT id, title, start_time, end_time, location_id, order_index
FROM sessions
WHERE workshop_id = %(workshop_id)s
ORDER BY order_index;
