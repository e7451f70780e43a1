ALTER TABLE audit_log SET (autovacuum_vacuum_scale_factor = 0.01, autovacuum_analyze_scale_factor = 0.005,
                           autovacuum_vacuum_insert_scale_factor = 0.02);
