-- A comparable picture of the public schema: one (kind, name, detail) row per relation,
-- column, constraint, index (with validity), trigger, function, view/matview definition,
-- text search configuration mapping, and the alembic version.
SELECT 'relation', c.relname, c.relkind::text || ' ' || c.relpersistence::text
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
UNION ALL
SELECT 'matview', schemaname || '.' || matviewname, 'populated=' || ispopulated::text
FROM pg_matviews WHERE schemaname = 'public'
UNION ALL
SELECT 'column', c.relname || '.' || a.attname,
       format_type(a.atttypid, a.atttypmod) || ' ' || a.attnotnull::text || ' '
       || coalesce(pg_get_expr(d.adbin, d.adrelid), '') || ' ' || a.attgenerated::text
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
WHERE n.nspname = 'public' AND a.attnum > 0 AND NOT a.attisdropped
  AND c.relkind IN ('r', 'p', 'v', 'm')
UNION ALL
SELECT 'constraint', c.relname || '.' || k.conname, pg_get_constraintdef(k.oid)
FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = 'public'
UNION ALL
SELECT 'index', c.relname, pg_get_indexdef(c.oid) || ' valid=' || i.indisvalid::text
FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = 'public'
UNION ALL
SELECT 'trigger', c.relname || '.' || t.tgname, pg_get_triggerdef(t.oid)
FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = 'public' AND NOT t.tgisinternal
UNION ALL
SELECT 'function', n.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')',
       md5(pg_get_functiondef(p.oid))
FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE n.nspname IN ('public', 'monitoring') AND p.prokind IN ('f', 'p')
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
UNION ALL
SELECT 'view', n.nspname || '.' || c.relname, md5(pg_get_viewdef(c.oid))
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname IN ('public', 'monitoring') AND c.relkind IN ('v', 'm')
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')
UNION ALL
SELECT 'tsconfig', cfg.cfgname || ' ' || t.alias,
       string_agg(d.dictname, ',' ORDER BY m.mapseqno)
FROM pg_ts_config cfg
JOIN pg_namespace n ON n.oid = cfg.cfgnamespace
JOIN pg_ts_config_map m ON m.mapcfg = cfg.oid
JOIN ts_token_type(cfg.cfgparser) t ON t.tokid = m.maptokentype
JOIN pg_ts_dict d ON d.oid = m.mapdict
WHERE n.nspname = 'public'
GROUP BY cfg.cfgname, t.alias
UNION ALL
SELECT 'tsdict', d.dictname, coalesce(d.dictinitoption, '')
FROM pg_ts_dict d JOIN pg_namespace n ON n.oid = d.dictnamespace
WHERE n.nspname = 'public'
ORDER BY 1, 2, 3
