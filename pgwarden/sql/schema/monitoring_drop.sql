-- Revision 0005 (down): drop the monitoring views and function, then the schema if empty
-- (RESTRICT: objects someone else put there are never dropped).
DROP VIEW IF EXISTS monitoring.slow_queries;
DROP FUNCTION IF EXISTS monitoring.long_running_queries(interval);
DROP VIEW IF EXISTS monitoring.connection_summary;
DROP VIEW IF EXISTS monitoring.index_bloat;
DROP VIEW IF EXISTS monitoring.table_bloat;
DROP VIEW IF EXISTS monitoring.index_usage;
DROP SCHEMA IF EXISTS monitoring RESTRICT;
