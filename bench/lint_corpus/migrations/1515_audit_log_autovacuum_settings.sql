-- audit_log is append-heavy: vacuum and analyze it more often.
ALTER TABLE audit_log SET (autovacuum_vacuum_scale_factor = 0.01, autovacuum_analyze_scale_factor = 0.02);
