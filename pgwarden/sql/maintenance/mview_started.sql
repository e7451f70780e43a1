-- Records that a refresh of %(schema)s.%(name)s started; returns nothing.
INSERT INTO pgwarden.mview_refresh (view_schema, view_name, last_started_at, last_outcome)
VALUES (%(schema)s, %(name)s, now(), 'running')
ON CONFLICT (view_schema, view_name)
DO UPDATE SET last_started_at = now(), last_outcome = 'running'
