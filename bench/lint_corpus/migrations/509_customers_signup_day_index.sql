-- Signup cohort reports group by signup day.
CREATE INDEX CONCURRENTLY customers_signup_day_idx ON customers ((created_at::date));
