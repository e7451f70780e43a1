-- CMS hot query: English full-text search over published workshops, best match first (id, slug,
-- English title, rank). workshop_search (revision 0002, RUM-ranked after 0006) is inlined.
SELECT id, slug, title ->> 'en' AS title, rank
FROM workshop_search('english', 'mental health', 20);
