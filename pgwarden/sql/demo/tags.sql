-- Tags (returns nothing): the tag word list (slug, Polish and English name).
INSERT INTO tags (id, slug, name, created_at)
SELECT pg_temp.uid(%(seed)s, 't', n), slug, jsonb_build_object('pl', pl, 'en', en),
       %(anchor)s::timestamptz - interval '3 years'
FROM seed_tags;
