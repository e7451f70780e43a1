-- The server's clock and a cutoff %(age_s)s seconds before it (cleanup computes it once per run).
SELECT now() AS now, now() - make_interval(secs => %(age_s)s) AS cutoff
