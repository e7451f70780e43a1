ALTER TABLE audit_log SET (
    autovacuum_vacuum_scale_factor = 0.0,
    autovacuum_vacuum_threshold = 50000,
    autovacuum_analyze_scale_factor = 0.02
);
