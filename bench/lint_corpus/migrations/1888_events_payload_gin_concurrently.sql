-- lookups by payload keys from the analytics service
CREATE INDEX CONCURRENTLY events_payload_gin_idx ON events USING gin (payload jsonb_path_ops);
