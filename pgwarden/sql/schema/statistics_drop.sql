-- Revision 0003 (down): drop the statistics materialized views (derived data only).
DROP MATERIALIZED VIEW IF EXISTS questionnaire_responses_daily;
DROP MATERIALIZED VIEW IF EXISTS enrollments_per_day;
DROP MATERIALIZED VIEW IF EXISTS workshop_statistics;
