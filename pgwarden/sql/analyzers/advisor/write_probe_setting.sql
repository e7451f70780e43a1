-- advise: one session setting for the write probe's duration (its previous value returned)
SELECT current_setting(%(name)s) AS previous, set_config(%(name)s, %(value)s, false) AS now
