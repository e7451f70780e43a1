-- audit_log is append-only, so "at" follows the physical order: a BRIN index is tiny
-- and quick to build.
CREATE INDEX audit_log_at_brin ON audit_log USING brin (at) WITH (pages_per_range = 32);
