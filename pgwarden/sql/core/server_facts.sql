-- One row of facts about the server and the current role, read once per command.
-- Returns: version_num, version, database, current_user, is_superuser, roles (text[] of the
-- predefined monitoring/maintenance roles the user is a member of), shared_preload_libraries,
-- shared_preload_visible (whether this role may read it), can_create_in_database/public.
SELECT current_setting('server_version_num')::int AS version_num,
       current_setting('server_version') AS version,
       current_database() AS database,
       current_user AS "current_user",
       r.rolsuper AS is_superuser,
       ARRAY(
           SELECT g.rolname::text
           FROM pg_roles g
           WHERE g.rolname IN ('pg_monitor', 'pg_read_all_stats', 'pg_read_all_settings',
                               'pg_stat_scan_tables', 'pg_signal_backend', 'pg_maintain',
                               'pg_read_server_files', 'pg_checkpoint')
             AND pg_has_role(current_user, g.oid, 'USAGE')
           ORDER BY 1
       ) AS roles,
       -- pg_settings hides superuser-only settings from other roles (current_setting raises)
       coalesce((SELECT s.setting FROM pg_settings s WHERE s.name = 'shared_preload_libraries'),
                '') AS shared_preload_libraries,
       -- false: the role may not read it (superuser or pg_read_all_settings only)
       EXISTS (SELECT 1 FROM pg_settings s WHERE s.name = 'shared_preload_libraries')
           AS shared_preload_visible,
       has_database_privilege(current_database(), 'CREATE') AS can_create_in_database,
       has_schema_privilege('public', 'CREATE') AS can_create_in_public
FROM pg_roles r
WHERE r.rolname = current_user
