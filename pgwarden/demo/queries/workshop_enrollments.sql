-- CMS hot query: a workshop's enrollments in one status, in sign-up order (the facilitator's
-- participant list and the waiting list), one page.
SELECT id, participant_id, status, payment_status, created_at
FROM enrollments
WHERE workshop_id = 'dbde9347f156f968d0968e35ee6ea1d0'::uuid AND status = 'completed'
ORDER BY created_at
LIMIT 100;
