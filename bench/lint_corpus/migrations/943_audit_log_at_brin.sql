-- BRIN is tiny and quick to build; fine without CONCURRENTLY.
CREATE INDEX audit_log_at_brin ON audit_log USING brin (at) WITH (pages_per_range = 64);
