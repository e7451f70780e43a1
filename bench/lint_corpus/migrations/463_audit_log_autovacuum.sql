-- audit_log is append-mostly and huge; vacuum and analyze it more eagerly.
ALTER TABLE audit_log SET (
    autovacuum_vacuum_scale_factor = 0.01,
    autovacuum_analyze_scale_factor = 0.02,
    autovacuum_vacuum_insert_scale_factor = 0.05
);
