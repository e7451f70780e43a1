-- CMS hot query: the public listing, upcoming workshops of a status from a date, soonest first
-- (id, slug, title, start_date, seats), one page.
SELECT id, slug, title ->> 'pl' AS title_pl, title ->> 'en' AS title_en, start_date, seat_limit, seat_reserved
FROM workshops
WHERE status = %(status)s AND deleted_at IS NULL AND start_date >= %(from_date)s
ORDER BY start_date
LIMIT 20;
