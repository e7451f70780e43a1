-- CMS hot query: a participant's enrollments in the given statuses, newest first, with the
-- workshop's title and date ("my workshops").
SELECT e.id, e.status, e.created_at, w.slug, w.title, w.start_date
FROM enrollments e
JOIN workshops w ON w.id = e.workshop_id
WHERE e.participant_id = '7495510e7239372ebfa1b6baafed478c'::uuid AND e.status = ANY('{cancelled}')
ORDER BY e.created_at DESC
LIMIT 50;
