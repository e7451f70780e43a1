-- CMS hot query: a workshop's enrollments in one status, in sign-up order (the facilitator's
-- participant list and the waiting list), one page.
SELECT id, participant_id, status, payment_status, created_at
FROM enrollments
WHERE workshop_id = %(workshop_id)s AND status = %(status)s
ORDER BY created_at
LIMIT 100;
