-- Deploy shop:extend_sessions to pg
-- Maintenance window overran: extend every session by a week so nobody is logged out.
BEGIN;
UPDATE sessions SET expires_at = expires_at + interval '7 days';
COMMIT;
