-- Workshop tags (returns nothing): the theme's tag plus up to two more.
INSERT INTO workshop_tags (workshop_id, tag_id)
SELECT DISTINCT w.id, t.id
FROM seed_w w
JOIN seed_themes th ON th.n = w.theme_n
CROSS JOIN LATERAL (SELECT th.tag AS name
                    UNION ALL
                    SELECT x.tag FROM generate_series(1, pg_temp.pick(%(seed)s, 60, w.k, 3) - 1) AS j
                    JOIN seed_themes x ON x.n = pg_temp.pick(%(seed)s, 60 + j, w.k,
                                                             (SELECT count(*)::int FROM seed_themes))) names
JOIN tags t ON t.slug = names.name;
