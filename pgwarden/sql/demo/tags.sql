-- Tags (returns nothing): one per distinct theme tag in the word lists.
INSERT INTO tags (id, name, created_at)
SELECT pg_temp.uid(%(seed)s, 't', row_number() OVER (ORDER BY tag)), tag,
       %(anchor)s::timestamptz - interval '3 years'
FROM (SELECT DISTINCT tag FROM seed_themes) t;
