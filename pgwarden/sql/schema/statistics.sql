-- Revision 0003 (up): statistics materialized views, created WITH NO DATA (instant, no scan
-- of the base tables inside the migration's transaction). Each has the unique index that
-- REFRESH MATERIALIZED VIEW CONCURRENTLY needs. pgwarden populates them after the migration
-- (or `pgwarden maintain refresh` does); until then reading one fails.

-- One row per live workshop. seats_left = seat_limit - (confirmed + completed), never below
-- zero; NULL when the workshop has no seat limit. Times are as of the last refresh.
CREATE MATERIALIZED VIEW workshop_statistics AS
WITH e AS (
    SELECT workshop_id,
           count(*) FILTER (WHERE status <> 'cancelled')::integer AS enrolled_count,
           count(*) FILTER (WHERE status = 'pending')::integer AS pending_count,
           count(*) FILTER (WHERE status = 'confirmed')::integer AS confirmed_count,
           count(*) FILTER (WHERE status = 'waitlisted')::integer AS waitlisted_count,
           count(*) FILTER (WHERE status = 'cancelled')::integer AS cancelled_count,
           count(*) FILTER (WHERE status = 'completed')::integer AS completed_count,
           max(created_at) AS last_enrollment_at
    FROM enrollments
    GROUP BY workshop_id
), s AS (
    SELECT workshop_id, count(*)::integer AS session_count,
           min(start_time) FILTER (WHERE start_time > now()) AS next_session_start
    FROM sessions
    GROUP BY workshop_id
), r AS (
    SELECT q.workshop_id, count(*)::integer AS response_count
    FROM responses rs
    JOIN questions qu ON qu.id = rs.question_id
    JOIN question_groups g ON g.id = qu.group_id
    JOIN questionnaires q ON q.id = g.questionnaire_id
    WHERE q.workshop_id IS NOT NULL
    GROUP BY q.workshop_id
), f AS (
    SELECT workshop_id, count(*)::integer AS feedback_count,
           round(avg(rating), 2) AS average_rating
    FROM feedback
    GROUP BY workshop_id
)
SELECT w.id AS workshop_id,
       w.status,
       coalesce(e.enrolled_count, 0) AS enrolled_count,
       coalesce(e.pending_count, 0) AS pending_count,
       coalesce(e.confirmed_count, 0) AS confirmed_count,
       coalesce(e.waitlisted_count, 0) AS waitlisted_count,
       coalesce(e.cancelled_count, 0) AS cancelled_count,
       coalesce(e.completed_count, 0) AS completed_count,
       CASE WHEN w.seat_limit IS NULL THEN NULL
            ELSE greatest(w.seat_limit - coalesce(e.confirmed_count, 0)
                          - coalesce(e.completed_count, 0), 0) END AS seats_left,
       coalesce(s.session_count, 0) AS session_count,
       coalesce(r.response_count, 0) AS response_count,
       coalesce(f.feedback_count, 0) AS feedback_count,
       f.average_rating,
       s.next_session_start,
       e.last_enrollment_at,
       now() AS refreshed_at
FROM workshops w
LEFT JOIN e ON e.workshop_id = w.id
LEFT JOIN s ON s.workshop_id = w.id
LEFT JOIN r ON r.workshop_id = w.id
LEFT JOIN f ON f.workshop_id = w.id
WHERE w.deleted_at IS NULL
WITH NO DATA;

CREATE UNIQUE INDEX workshop_statistics_workshop_id_key ON workshop_statistics (workshop_id);

-- Enrollments per workshop per calendar day in Warsaw (the CMS's business day).
CREATE MATERIALIZED VIEW enrollments_per_day AS
SELECT workshop_id,
       (created_at AT TIME ZONE 'Europe/Warsaw')::date AS day,
       count(*)::integer AS enrollments,
       count(*) FILTER (WHERE status IN ('confirmed', 'completed'))::integer AS confirmed,
       count(*) FILTER (WHERE status = 'waitlisted')::integer AS waitlisted,
       count(*) FILTER (WHERE status = 'cancelled')::integer AS cancelled
FROM enrollments
GROUP BY 1, 2
WITH NO DATA;

CREATE UNIQUE INDEX enrollments_per_day_workshop_day_key ON enrollments_per_day (workshop_id, day);

-- Responses per questionnaire per UTC day: the sociologist's dashboard's rollup (the busiest
-- questionnaire gathers tens of thousands of responses; aggregating them per call is what no
-- index can make fast). Only CLOSED UTC days at refresh time (before today's UTC midnight): a
-- day is final once it is in here, and the dashboard query aggregates the days after a
-- questionnaire's latest day here live from responses (see
-- sql/demo/workload/questionnaire_responses_per_day.sql). A response committed later with a
-- created_at inside a day already rolled up appears at the next refresh.
CREATE MATERIALIZED VIEW questionnaire_responses_daily AS
SELECT g.questionnaire_id,
       (r.created_at AT TIME ZONE 'UTC')::date AS day,
       count(*) AS responses,
       count(DISTINCT r.user_id) AS respondents
FROM responses r
JOIN questions qu ON qu.id = r.question_id
JOIN question_groups g ON g.id = qu.group_id
WHERE r.created_at < date_trunc('day', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'
GROUP BY 1, 2
WITH NO DATA;

CREATE UNIQUE INDEX questionnaire_responses_daily_questionnaire_day_key
    ON questionnaire_responses_daily (questionnaire_id, day);
