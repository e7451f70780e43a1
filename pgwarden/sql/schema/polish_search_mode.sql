-- How the "polish" text search configuration (revision 0002) stems words: 'hunspell' when it
-- maps words to the polish_hunspell dictionary, 'simple (fallback)' when the server lacked
-- the dictionary files, no row when revision 0002 is not applied.
SELECT CASE WHEN bool_or(d.dictname = 'polish_hunspell') THEN 'hunspell'
            ELSE 'simple (fallback)' END AS mode
FROM pg_ts_config c
JOIN pg_namespace n ON n.oid = c.cfgnamespace
JOIN pg_ts_config_map m ON m.mapcfg = c.oid
JOIN pg_ts_dict d ON d.oid = m.mapdict
WHERE c.cfgname = 'polish' AND n.nspname = current_schema()
HAVING count(*) > 0
