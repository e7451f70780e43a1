-- CMS hot query: accent-insensitive search (a user typing "zlobek" finds "żłobek"), best match
-- first (id, slug, Polish title, rank). workshop_search (revision 0002, RUM-ranked after 0006)
-- is inlined.
SELECT id, slug, title ->> 'pl' AS title, rank
FROM workshop_search('simple_unaccent', 'zdrowia psychicznego', 20);
