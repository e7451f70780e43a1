-- Within the seed's transaction: 'replica' skips the per-row FK triggers, 'origin' restores them.
SELECT set_config('session_replication_role', %(mode)s, true);
