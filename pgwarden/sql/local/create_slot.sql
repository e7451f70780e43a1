-- A physical slot for a standby: the primary keeps the WAL the standby has not received yet.
SELECT pg_create_physical_replication_slot(%(slot)s)
