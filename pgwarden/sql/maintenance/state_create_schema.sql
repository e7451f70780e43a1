-- Creates schema pgwarden (run only when it is missing: needs CREATE on the database).
CREATE SCHEMA IF NOT EXISTS pgwarden
