-- Security incident INC-2291: invalidate every session.
TRUNCATE TABLE sessions;
