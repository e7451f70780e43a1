-- CMS hot query: English full-text search over published workshops, best match first (id, slug,
-- English title, rank).
SELECT id, slug, title ->> 'en' AS title, ts_rank(search_vector, query) AS rank
FROM workshops, websearch_to_tsquery('english', 'mental health') AS query
WHERE search_vector @@ query AND status = 'published' AND deleted_at IS NULL
ORDER BY rank DESC, start_date
LIMIT 20;
