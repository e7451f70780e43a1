BEGIN;
--
-- Alter field expires_at on session
--
CREATE INDEX "sessions_expires_at_5c7a1f2e" ON "sessions" ("expires_at");
COMMIT;
