-- Revision 0002 (up, autocommit part): fill search_vector for up to 500 existing workshops
-- that lack it; run repeatedly, each batch its own short transaction (row locks only), until
-- it updates no row.
UPDATE workshops w
SET search_vector = workshop_search_vector(w.title, w.short_description, w.description)
WHERE w.id IN (SELECT id FROM workshops WHERE search_vector IS NULL ORDER BY id LIMIT 500
               FOR UPDATE)
