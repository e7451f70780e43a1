-- Security incident 2026-11-07: invalidate every session.
TRUNCATE sessions;
