-- Index event payloads for the debugging console
CREATE INDEX CONCURRENTLY events_payload_idx ON events USING gin (payload);
