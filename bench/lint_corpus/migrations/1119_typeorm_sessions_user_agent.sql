-- query: SessionsUserAgent1731100000000
ALTER TABLE "sessions" ADD "user_agent" character varying;
ALTER TABLE "sessions" ADD "last_seen_at" TIMESTAMP WITH TIME ZONE;
