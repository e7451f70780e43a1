-- Records the end of a refresh of %(schema)s.%(name)s: outcome, error, duration and, on
-- success, the inputs' write counter it saw; returns nothing.
UPDATE pgwarden.mview_refresh
SET last_outcome = %(outcome)s,
    last_error = %(error)s,
    last_duration_s = %(duration)s,
    last_success_at = CASE WHEN %(outcome)s = 'success' THEN now() ELSE last_success_at END,
    input_write_counter = CASE WHEN %(outcome)s = 'success' THEN %(counter)s
                               ELSE input_write_counter END
WHERE view_schema = %(schema)s AND view_name = %(name)s
