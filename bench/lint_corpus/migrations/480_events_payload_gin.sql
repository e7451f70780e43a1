-- Query events by payload keys.
CREATE INDEX CONCURRENTLY events_payload_gin ON events USING gin (payload jsonb_path_ops);
