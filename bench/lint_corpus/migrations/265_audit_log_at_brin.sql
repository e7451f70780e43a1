-- audit_log is append-only; a BRIN index on the timestamp is tiny.
CREATE INDEX audit_log_at_brin ON audit_log USING brin ("at") WITH (pages_per_range = 32);
