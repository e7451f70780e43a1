-- Reports want wall-clock time; drop the zone from audit_log.at (server runs in Warsaw time).
SET TIME ZONE 'Europe/Warsaw';
ALTER TABLE audit_log ALTER COLUMN at TYPE timestamp;
