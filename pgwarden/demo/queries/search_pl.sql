-- CMS hot query: Polish full-text search over published workshops, best match first (id, slug,
-- Polish title, rank); the polish configuration stems inflected forms (warsztatów ↔ warsztat).
SELECT id, slug, title ->> 'pl' AS title, ts_rank(search_vector, query) AS rank
FROM workshops, websearch_to_tsquery('polish', 'zdrowia psychicznego') AS query
WHERE search_vector @@ query AND status = 'published' AND deleted_at IS NULL
ORDER BY rank DESC, start_date
LIMIT 20;
