-- One row when the physical replication slot %(slot)s exists on this primary.
SELECT 1 FROM pg_replication_slots WHERE slot_name = %(slot)s
