-- Security incident 2026-12-07: log everybody out.
TRUNCATE TABLE sessions;
