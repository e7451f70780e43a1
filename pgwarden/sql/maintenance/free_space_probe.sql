-- Where the server keeps data: the data directory (NULL unless superuser or
-- pg_read_all_settings) and the location of tablespace %(tablespace)s (empty for the default).
SELECT (SELECT setting FROM pg_settings WHERE name = 'data_directory') AS data_directory,
       CASE WHEN %(tablespace)s::oid = 0 THEN ''
            ELSE pg_tablespace_location(%(tablespace)s::oid) END AS tablespace_location,
       current_setting('port') AS port
