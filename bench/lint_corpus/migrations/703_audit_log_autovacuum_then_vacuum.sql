-- sqitch deploy shop:audit_log_autovacuum
BEGIN;
ALTER TABLE audit_log SET (autovacuum_vacuum_insert_scale_factor = 0.05,
                           autovacuum_vacuum_scale_factor = 0.05);
VACUUM (ANALYZE) audit_log;
COMMIT;
