-- CMS hot query: a participant's enrollments in the given statuses, newest first, with the
-- workshop's title and date ("my workshops").
SELECT e.id, e.status, e.created_at, w.slug, w.title, w.start_date
FROM enrollments e
JOIN workshops w ON w.id = e.workshop_id
WHERE e.participant_id = %(participant_id)s AND e.status = ANY(%(statuses)s)
ORDER BY e.created_at DESC
LIMIT 50;
