-- CMS hot query: Polish full-text search over published workshops, best match first (id, slug,
-- Polish title, rank); the polish configuration stems inflected forms (warsztatów ↔ warsztat).
-- workshop_search (revision 0002, RUM-ranked after 0006) is inlined into this query.
SELECT id, slug, title ->> 'pl' AS title, rank
FROM workshop_search('polish', 'zdrowia psychicznego', 20);
