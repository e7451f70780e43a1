-- CMS hot query: accent-insensitive search (a user typing "zlobek" finds "żłobek"), best match
-- first (id, slug, Polish title, rank).
SELECT id, slug, title ->> 'pl' AS title, ts_rank(search_vector, query) AS rank
FROM workshops, plainto_tsquery('simple_unaccent', 'zdrowia psychicznego') AS query
WHERE search_vector @@ query AND status = 'published' AND deleted_at IS NULL
ORDER BY rank DESC, start_date
LIMIT 20;
